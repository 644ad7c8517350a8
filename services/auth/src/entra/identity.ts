// The signed-in user from validated ID token claims (OIDC Core §3.1.3.7; openid-client has already
// checked signature, iss, aud, exp and nonce). What is added here is Entra-specific: the identity
// is tid + oid (never email: ATTACKS C23), a multi-tenant authority's issuer must be the template
// filled with the token's own tid, and tid must be on the allowlist (ATTACKS C22).
// https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
import type { AuthorityTenant } from './authority.js'
import { isGuid } from './authority.js'
import { EntraError } from './errors.js'
import { userIdFor } from './user-id.js'

export interface EntraIdentity {
  tid: string
  oid: string
  /** Ours: userIdFor(tid, oid). */
  sub: string
  name: string
  preferredUsername: string
  /** Informational only, never used to identify the user. */
  email?: string
}

export interface IdentityRules {
  tenant: AuthorityTenant
  /** The discovered issuer; for multi-tenant authorities it contains `{tenantid}`. */
  issuer: string
  allowedTenants: ReadonlySet<string> | undefined
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 && value.length <= 1024 ? value : undefined

export function identityFromClaims(claims: Record<string, unknown>, rules: IdentityRules): EntraIdentity {
  const tid = text(claims.tid)?.toLowerCase()
  const oid = text(claims.oid)?.toLowerCase()
  if (tid === undefined || oid === undefined || !isGuid(tid) || !isGuid(oid)) {
    throw new EntraError('invalid_token_response', 'ID token lacks a tid or oid GUID claim')
  }
  if (rules.tenant.kind === 'multi') {
    if (claims.iss !== rules.issuer.replace('{tenantid}', tid)) {
      throw new EntraError('invalid_token_response', 'ID token issuer does not belong to its tid')
    }
  } else if (isGuid(rules.tenant.tenant) && rules.tenant.tenant !== tid) {
    throw new EntraError('invalid_token_response', 'ID token tid is not the authority tenant')
  }
  if (rules.allowedTenants !== undefined && !rules.allowedTenants.has(tid)) {
    throw new EntraError('tenant_not_allowed', `tenant ${tid} is not allowed to sign in`)
  }
  const preferredUsername = text(claims.preferred_username) ?? ''
  const email = text(claims.email)
  return {
    tid,
    oid,
    sub: userIdFor(tid, oid),
    name: text(claims.name) ?? preferredUsername,
    preferredUsername,
    ...(email === undefined ? {} : { email }),
  }
}
