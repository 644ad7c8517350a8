// What Entra decides about a grant before tokens are minted, beyond what oidc-provider checks:
// injected faults, revoked users (AADSTS50173), disabled accounts, and the scope of a refresh —
// it may narrow, but asking for anything the refresh token was not granted is AADSTS65001.
import type { FaultRegistry } from '../faults/registry.js'
import { aadsts } from './aadsts.js'
import type { RegisteredClient } from './clients.js'
import type { EntraError } from './entra-error.js'
import { fromProviderScope, parseScope, toProviderScope } from './scopes.js'
import type { TenantIdentity } from './tenant-identity.js'
import { tokenFaultError } from './token-faults.js'
import type { TokenFaultTarget } from './token-faults.js'

export interface GrantCheckInput {
  identity: TenantIdentity
  client: RegisteredClient
  body: URLSearchParams
  faults: FaultRegistry
  now: number
}

/** On success, the scope (provider spelling) to pass on, when the request narrowed it. */
export type GrantCheck = { ok: true; scope?: string } | { ok: false; error: EntraError }

function injectedFault(
  input: GrantCheckInput,
  target: TokenFaultTarget,
  userId?: string,
  issuedAt?: number,
): EntraError | undefined {
  const rule = input.faults.take(target, userId)
  if (!rule) return undefined
  return tokenFaultError(rule, {
    target,
    clientId: input.client.clientId,
    appName: input.client.name,
    issuedAt,
    now: input.now,
  })
}

export async function checkAuthorizationCodeGrant(input: GrantCheckInput): Promise<GrantCheck> {
  const value = input.body.get('code')
  if (!value) return { ok: false, error: aadsts.missingParameter('code') }
  const code = await input.identity.provider.AuthorizationCode.find(value, { ignoreExpiration: true })
  const userId = code?.clientId === input.client.clientId ? code.accountId : undefined
  const fault = injectedFault(input, 'token:authorization_code', userId)
  return fault ? { ok: false, error: fault } : { ok: true }
}

export async function checkRefreshTokenGrant(input: GrantCheckInput): Promise<GrantCheck> {
  const value = input.body.get('refresh_token')
  if (!value) return { ok: false, error: aadsts.missingParameter('refresh_token') }
  const { provider, revocations, directory, tenant } = input.identity
  const token = await provider.RefreshToken.find(value, { ignoreExpiration: true })
  // Unknown or foreign tokens are left to oidc-provider, which refuses them (AADSTS9002313).
  const own = token?.clientId === input.client.clientId ? token : undefined
  const fault = injectedFault(input, 'token:refresh_token', own?.accountId, own?.iiat ?? own?.iat)
  if (fault) return { ok: false, error: fault }
  if (!own) return { ok: true }

  const revokedAt = own.grantId === undefined ? undefined : revocations.revokedAt(own.grantId)
  if (revokedAt !== undefined) {
    return { ok: false, error: aadsts.grantRevoked(own.iiat ?? own.iat ?? 0, Math.floor(revokedAt / 1000)) }
  }
  if (directory.byId(own.accountId)?.accountEnabled === false)
    return { ok: false, error: aadsts.accountDisabled() }

  const requested = input.body.get('scope')
  if (requested === null) return { ok: true }
  const parsed = parseScope(requested, {
    appName: input.client.name,
    permissions: input.client.permissions,
    tenantName: tenant.name,
  })
  if (!parsed.ok) return parsed
  const granted = fromProviderScope(own.scope)
  const notGranted =
    parsed.scopes.oidc.some((s) => !granted.oidc.includes(s)) ||
    parsed.scopes.graph.some((s) => !granted.graph.includes(s))
  if (notGranted)
    return { ok: false, error: aadsts.consentRequired(input.client.clientId, input.client.name) }
  return { ok: true, scope: toProviderScope(parsed.scopes) }
}
