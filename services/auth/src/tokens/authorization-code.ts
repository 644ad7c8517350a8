// Our authorization codes (RFC 6749 §4.1.2, OAuth 2.1 §4.1.2-4.1.3): 256 random bits, stored only
// as their sha256, valid ≤ 60 s, single use. Redemption replaces the record by a "used" marker in
// one compare-and-set, so of any number of concurrent redemptions exactly one wins (ATTACKS D28)
// and every later one finds the marker and revokes the grant the first one issued (D26).
// The client, redirect_uri and PKCE verifier are checked before the code is consumed: a request
// that fails them does not burn the code for the legitimate client.
import { randomToken, sha256 } from '@m365mcp/crypto'
import type { Store } from '@m365mcp/store'
import { z } from 'zod'
import { noAuditLog } from '@m365mcp/audit'
import { revokeAudited, type AuthAudit } from '../audit/grant-audit.js'
import { noAuthMetrics, type AuthMetrics } from '../metrics/auth-metrics.js'
import type { Keys } from '../store/keys.js'
import type { Grant } from './grant.js'
import type { GrantStore } from './grant-store.js'
import { checkPkceS256, S256_CHALLENGE } from './pkce-s256.js'
import { invalidGrant } from './token-grant-error.js'

const issuedSchema = z.object({
  state: z.literal('issued'),
  grantId: z.string().min(1),
  clientId: z.string().min(1),
  redirectUri: z.string().min(1),
  /** Whether the authorization request carried redirect_uri (then the token request must, §4.1.3). */
  redirectUriInRequest: z.boolean(),
  codeChallenge: z.string().regex(S256_CHALLENGE),
  codeChallengeMethod: z.literal('S256'),
  resource: z.string().min(1),
  scope: z.string(),
  sub: z.string().min(1),
  issuedAt: z.number().int(),
  expiresAt: z.number().int(),
})
const usedSchema = z.object({
  state: z.literal('used'),
  grantId: z.string().min(1),
  usedAt: z.number().int(),
})
const recordSchema = z.discriminatedUnion('state', [issuedSchema, usedSchema])

export type AuthorizationCodeRecord = z.infer<typeof issuedSchema>
export type IssueCodeInput = Omit<AuthorizationCodeRecord, 'state' | 'issuedAt' | 'expiresAt'>

export interface RedeemCodeInput {
  code: string
  /** The authenticated client of the token request. */
  clientId: string
  redirectUri: string | undefined
  codeVerifier: string | undefined
}

export interface AuthorizationCodesOptions {
  store: Store
  keys: Keys
  grants: Pick<GrantStore, 'get' | 'touch' | 'revoke'>
  now?: () => number
  /** Code lifetime, at most 60 s (default 60 s). */
  ttlMs?: number
  /** How long a used code is remembered to detect replays (default 10 minutes). */
  usedMarkerTtlMs?: number
  /** Counts revocations (metrics); none by default. */
  metrics?: Pick<AuthMetrics, 'grantRevoked'>
  /** Records revocations (audit log); none by default. */
  audit?: AuthAudit
}

const CODE = /^[A-Za-z0-9_-]{43}$/
const CAS_ATTEMPTS = 4

export function createAuthorizationCodes(options: AuthorizationCodesOptions) {
  const { store, keys, grants } = options
  const metrics = options.metrics ?? noAuthMetrics
  const audit = options.audit ?? noAuditLog
  const now = options.now ?? Date.now
  const ttlMs = options.ttlMs ?? 60_000
  const usedMarkerTtlMs = options.usedMarkerTtlMs ?? 10 * 60_000
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1000 || ttlMs > 60_000) {
    throw new RangeError('authorization codes: ttlMs must be 1000–60000')
  }
  if (!Number.isSafeInteger(usedMarkerTtlMs) || usedMarkerTtlMs < ttlMs) {
    throw new RangeError('authorization codes: usedMarkerTtlMs must be ≥ ttlMs')
  }

  return {
    async issue(input: IssueCodeInput): Promise<{ code: string; expiresAt: number }> {
      const code = randomToken(32)
      const hash = sha256(code)
      const issuedAt = now()
      const record = issuedSchema.parse({ ...input, state: 'issued', issuedAt, expiresAt: issuedAt + ttlMs })
      await store.set(keys.code(hash), JSON.stringify(record), { ttlMs })
      await store.setAdd(keys.grantCodes(input.grantId), [hash], { ttlMs: usedMarkerTtlMs })
      return { code, expiresAt: record.expiresAt }
    },

    /** Consumes the code; TokenGrantError('invalid_grant') on any failure. */
    async redeem(input: RedeemCodeInput): Promise<{ record: AuthorizationCodeRecord; grant: Grant }> {
      if (typeof input.code !== 'string' || !CODE.test(input.code)) throw invalidGrant('malformed')
      const key = keys.code(sha256(input.code))
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const raw = await store.get(key)
        if (raw === null) throw invalidGrant('unknown')
        const record = recordSchema.parse(JSON.parse(raw))
        if (record.state === 'used') {
          // RFC 6749 §4.1.2: the code was already used — revoke what that use issued.
          if (await revokeAudited(grants, audit, record.grantId, 'code_reused'))
            metrics.grantRevoked('code_reused')
          throw invalidGrant('code_replayed')
        }
        if (now() >= record.expiresAt) throw invalidGrant('expired')
        if (record.clientId !== input.clientId) throw invalidGrant('client_mismatch')
        const sentUri = input.redirectUri
        if (sentUri === undefined ? record.redirectUriInRequest : sentUri !== record.redirectUri) {
          throw invalidGrant('redirect_uri_mismatch')
        }
        if (!checkPkceS256(input.codeVerifier, record.codeChallenge)) throw invalidGrant('pkce_failed')
        const grant = await grants.get(record.grantId)
        if (grant === null) throw invalidGrant('grant_revoked')
        const marker = JSON.stringify({ state: 'used', grantId: record.grantId, usedAt: now() })
        if (!(await store.compareAndSet(key, raw, marker, { ttlMs: usedMarkerTtlMs }))) continue
        // The grant was created short-lived for this code: now it starts its idle lifetime. A
        // concurrent replay may already have revoked it; this redemption still won (D28), and
        // whatever the caller issues from it is dead on arrival, as RFC 6749 §4.1.2 wants.
        await grants.touch(record.grantId)
        return { record, grant }
      }
      throw invalidGrant('unknown')
    },
  }
}

export type AuthorizationCodes = ReturnType<typeof createAuthorizationCodes>
