// What the identity routes share: the tenants with their providers, the app registrations, faults
// and the clock.
import type { FastifyRequest } from 'fastify'
import type { FaultRegistry } from '../faults/registry.js'
import type { SeedTenant } from '../seed/types.js'
import { aadsts } from './aadsts.js'
import type { ClientRegistry } from './clients.js'
import type { EntraError } from './entra-error.js'
import { lookupTenant } from './tenant-path.js'
import type { TenantIdentity } from './tenant-identity.js'
import type { IssuedRefreshTokens } from './issued-refresh-tokens.js'
import type { TokenStats } from './token-stats.js'

export interface IdentityContext {
  origin: string
  tenants: readonly SeedTenant[]
  identities: ReadonlyMap<string, TenantIdentity>
  clients: ClientRegistry
  faults: FaultRegistry
  /** Token-endpoint request counts (tests assert how often Entra was called). */
  tokenStats: TokenStats
  /** Hash of the last refresh token issued per client and user (tests check rotation). */
  issuedRefreshTokens: IssuedRefreshTokens
  now: () => number
}

export type IdentityLookup = { ok: true; identity: TenantIdentity } | { ok: false; error: EntraError }

export function findIdentity(context: IdentityContext, segment: string): IdentityLookup {
  const found = lookupTenant(segment, context.tenants)
  if (!found.ok) return found
  const identity = context.identities.get(found.tenant.id)
  return identity ? { ok: true, identity } : { ok: false, error: aadsts.tenantNotFound(segment) }
}

/** The query string as sent, so repeated parameters can be refused (RFC 6749 §3.1). */
export function rawQuery(request: FastifyRequest): URLSearchParams {
  const url = request.raw.url ?? ''
  const at = url.indexOf('?')
  return new URLSearchParams(at < 0 ? '' : url.slice(at + 1))
}

export function repeatsParameter(params: URLSearchParams): boolean {
  return [...new Set(params.keys())].some((name) => params.getAll(name).length > 1)
}
