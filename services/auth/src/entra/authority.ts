// Entra ID v2 authorities: `https://login.microsoftonline.com/{tenant}/v2.0`, where `{tenant}` is a
// tenant id, a verified domain, or `organizations` / `common` (multi-tenant: the ID token's `iss`
// then carries the signing user's own tenant id). `consumers` (personal accounts) is not supported.
// https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri

export type AuthorityTenant =
  { kind: 'single'; tenant: string } | { kind: 'multi'; tenant: 'organizations' | 'common' }

export interface Authority {
  url: URL
  tenant: AuthorityTenant
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DNS_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The only origin of a multi-tenant authority: openid-client accepts the `{tenantid}` issuer template
 * of their discovery documents for Entra's global endpoint only (handleEntraId), so elsewhere
 * (national clouds, an emulator on loopback) discovery would fail at the first sign-in.
 */
export const MULTI_TENANT_ORIGIN = 'https://login.microsoftonline.com'

export function isGuid(value: string): boolean {
  return GUID.test(value)
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase()) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
}

/**
 * A loopback host, or a `*.localhost` name (RFC 6761 §6.3: reserved, never resolved on the
 * Internet; browsers send it to this machine). Only for the explicit development allowance of a
 * plain-HTTP authority, e.g. the emulator as `emulator.localhost` in docker compose, whose login
 * page the browser reaches on this machine and the containers reach by that network alias.
 */
export function isLocalDevHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return isLoopbackHost(host) || (host.endsWith('.localhost') && DNS_NAME.test(host))
}

/** Parses an authority; returns a problem description instead when it is unusable. */
export function parseAuthority(value: string, allowInsecureLoopback: boolean): Authority | string {
  const url = URL.parse(value)
  if (!url) return 'authority must be an absolute URL'
  if (url.username || url.password || url.search || url.hash) {
    return 'authority must not carry credentials, a query or a fragment'
  }
  if (url.protocol === 'http:') {
    // Dev/test only (the emulator): plain HTTP to a loopback or *.localhost host, never the Internet.
    if (!allowInsecureLoopback || !isLocalDevHost(url.hostname)) {
      return 'authority must be https (http only on a loopback host with allowInsecureLoopbackAuthority)'
    }
  } else if (url.protocol !== 'https:') {
    return 'authority must be https'
  }
  const segments = url.pathname.replace(/\/$/, '').split('/').slice(1)
  const [tenant, version, ...rest] = segments
  if (tenant === undefined || version !== 'v2.0' || rest.length > 0) {
    return 'authority must be <origin>/{tenant}/v2.0 (Entra ID v2 endpoints)'
  }
  const lower = tenant.toLowerCase()
  if (lower === 'organizations' || lower === 'common') {
    if (url.origin !== MULTI_TENANT_ORIGIN) {
      return `${lower} authorities only at ${MULTI_TENANT_ORIGIN} (the {tenantid} issuer template is accepted there only); use a tenant-specific authority`
    }
    return { url: new URL(`${url.origin}/${lower}/v2.0`), tenant: { kind: 'multi', tenant: lower } }
  }
  if (lower === 'consumers') return 'consumers authorities (personal accounts) are not supported'
  if (!GUID.test(tenant) && !DNS_NAME.test(tenant)) return `'${tenant}' is not a tenant id or domain`
  return { url: new URL(`${url.origin}/${tenant}/v2.0`), tenant: { kind: 'single', tenant: lower } }
}
