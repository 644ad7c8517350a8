// The `{tenant}` path segment of Entra endpoints. Tenant-specific endpoints resolve it here (the
// multi-tenant `organizations` and `common` authorities have their own routes, multi-tenant.ts); a
// GUID that is no tenant here is AADSTS90002, anything that is neither a GUID nor a DNS name AADSTS900023.
import { aadsts } from './aadsts.js'
import type { EntraError } from './entra-error.js'
import type { SeedTenant } from '../seed/types.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DNS_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

export type TenantLookup = { ok: true; tenant: SeedTenant } | { ok: false; error: EntraError }

export function lookupTenant(
  segment: string,
  tenants: readonly SeedTenant[],
  error: 'invalid_request' | 'invalid_tenant' = 'invalid_request',
): TenantLookup {
  const tenant = GUID.test(segment) ? tenants.find((t) => t.id === segment.toLowerCase()) : undefined
  if (tenant) return { ok: true, tenant }
  if (GUID.test(segment) || DNS_NAME.test(segment))
    return { ok: false, error: aadsts.tenantNotFound(segment, error) }
  return { ok: false, error: aadsts.tenantMalformed(segment, error) }
}
