// Shared set-up of the token tests: a store (real Redis under the test's prefix, or the memory
// store with a clock the test moves), the key builder, a keyring and the grant modules on top.
import { randomBytes } from 'node:crypto'
import { createKeyring } from '@m365mcp/crypto'
import { createMemoryStore, createRedisStore, type Store } from '@m365mcp/store'
import { withTestRedis } from '@m365mcp/testing'
import type { Test } from 'tap'
import { createKeys } from '../../src/store/keys.js'
import { createAuthorizationCodes } from '../../src/tokens/authorization-code.js'
import { createGrantStore, type NewGrant } from '../../src/tokens/grant-store.js'
import { createRefreshTokens } from '../../src/tokens/refresh-token.js'
import { sha256 } from '@m365mcp/crypto'

export const keyring = createKeyring([{ id: 'k1', key: randomBytes(32) }])

/** A clock the test moves by hand. */
export function manualClock(start = 1_750_000_000_000) {
  let current = start
  return { now: () => current, advance: (ms: number) => void (current += ms) }
}

export async function redisStore(
  t: Test,
): Promise<{ store: Store; prefix: string; redis: Awaited<ReturnType<typeof withTestRedis>>['redis'] }> {
  const { url, prefix, redis } = await withTestRedis(t)
  const store = createRedisStore({ redis: url, prefix })
  t.teardown(() => store.close())
  return { store, prefix, redis }
}

export function memoryStore(t: Test, now: () => number): Store {
  const store = createMemoryStore({ now })
  t.teardown(() => store.close())
  return store
}

export interface GrantModulesOptions {
  now?: () => number
  graceMs?: number
}

/** Grant store, codes and refresh tokens over one store, as the token route composes them. */
export function grantModules(store: Store, options: GrantModulesOptions = {}) {
  const keys = createKeys('auth:')
  const now = options.now ?? Date.now
  const grants = createGrantStore({ store, keys, keyring, now })
  const codes = createAuthorizationCodes({ store, keys, grants, now })
  const refreshTokens = createRefreshTokens({
    store,
    keys,
    keyring,
    grants,
    now,
    graceMs: options.graceMs ?? 30_000,
  })
  return { keys, grants, codes, refreshTokens }
}

export const ENTRA = {
  accessToken: 'entra-access-token-PLAINTEXT-eyJ0eXAi',
  refreshToken: 'entra-refresh-token-PLAINTEXT-0.AXoA',
  expiresAt: 1_750_000_600_000,
  scope: 'User.Read Mail.Read offline_access',
}

export function newGrant(overrides: Partial<NewGrant> = {}): NewGrant {
  return {
    sub: `usr_${sha256('tenant-1:object-1').slice(0, 32)}`,
    tid: 'tenant-1',
    oid: 'object-1',
    clientId: 'mcp_client_a',
    scope: 'mcp:tools mail.read',
    resource: 'https://mcp.example.com/mcp',
    entra: ENTRA,
    profile: {
      name: 'Adele Vance',
      preferredUsername: 'adele@contoso.example',
      email: 'adele@contoso.example',
    },
    ...overrides,
  }
}

export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
export const CHALLENGE = sha256(VERIFIER)
export const REDIRECT = 'http://127.0.0.1:33418/callback'

/** A grant and a code for it, as the callback route would produce them. */
export async function grantWithCode(
  modules: ReturnType<typeof grantModules>,
  overrides: Partial<NewGrant> = {},
) {
  const grant = await modules.grants.create(newGrant(overrides), { pendingTtlMs: 120_000 })
  const { code } = await modules.codes.issue({
    grantId: grant.id,
    clientId: grant.clientId,
    redirectUri: REDIRECT,
    redirectUriInRequest: true,
    codeChallenge: CHALLENGE,
    codeChallengeMethod: 'S256',
    resource: grant.resource,
    scope: grant.scope,
    sub: grant.sub,
  })
  return { grant, code }
}

export const redeemInput = (code: string) => ({
  code,
  clientId: 'mcp_client_a',
  redirectUri: REDIRECT,
  codeVerifier: VERIFIER,
})
