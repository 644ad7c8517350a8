// Entra v2 `scope` rules for the one resource the emulator hosts, Microsoft Graph
// (https://learn.microsoft.com/entra/identity-platform/scopes-oidc):
// - OpenID Connect scopes openid, profile, email and offline_access;
// - Graph permissions short (`User.Read`) or qualified by Graph's URI or app id;
// - `.default` means every permission the app registration was admin-consented, and cannot be
//   mixed with named permissions of the same resource (AADSTS70011);
// - names Graph does not publish are refused (AADSTS650053), other resources are unknown (AADSTS500011).
import { aadsts, GRAPH_APP_ID } from './aadsts.js'
import type { EntraError } from './entra-error.js'
import { canonicalGraphPermission } from './graph-permissions.js'

export const OIDC_SCOPES: readonly string[] = ['openid', 'profile', 'email']

/**
 * oidc-provider drops `offline_access` unless `prompt=consent` (OIDC Core 1.0 §11); Entra issues a
 * refresh token whenever it is asked for, so the provider sees it under this private name.
 */
export const PROVIDER_OFFLINE_SCOPE = 'entra-offline_access'

const GRAPH_PREFIXES = ['https://graph.microsoft.com/', `${GRAPH_APP_ID}/`]

export interface RequestedScopes {
  /** Subset of openid, profile, email, in request order. */
  oidc: string[]
  offlineAccess: boolean
  /** Graph permissions in their published spelling, `.default` already expanded. */
  graph: string[]
}

export interface ScopeContext {
  appName: string
  /** Admin-consented permissions of the app registration: what `.default` expands to. */
  permissions: readonly string[]
  tenantName: string
}

export type ScopeResult = { ok: true; scopes: RequestedScopes } | { ok: false; error: EntraError }

export function splitScope(raw: string): string[] {
  return raw.split(' ').filter((s) => s !== '')
}

export function parseScope(raw: string, context: ScopeContext): ScopeResult {
  const oidc = new Set<string>()
  const graph = new Set<string>()
  let offlineAccess = false
  let usesDefault = false
  for (const token of splitScope(raw)) {
    const lower = token.toLowerCase()
    if (OIDC_SCOPES.includes(lower)) {
      oidc.add(lower)
      continue
    }
    if (lower === 'offline_access') {
      offlineAccess = true
      continue
    }
    const prefix = GRAPH_PREFIXES.find((p) => lower.startsWith(p))
    if (prefix === undefined && /[/:]/.test(token)) {
      const resource = token.slice(0, token.lastIndexOf('/') + 1 || token.length)
      return { ok: false, error: aadsts.unknownResource(resource, context.tenantName) }
    }
    const name = prefix === undefined ? token : token.slice(prefix.length)
    if (name.toLowerCase() === '.default') {
      usesDefault = true
      continue
    }
    const permission = canonicalGraphPermission(name)
    if (permission === undefined)
      return { ok: false, error: aadsts.unknownPermission(context.appName, token) }
    graph.add(permission)
  }
  if (usesDefault && graph.size > 0) return { ok: false, error: aadsts.invalidScope(raw) }
  const expanded = usesDefault ? context.permissions : [...graph]
  return { ok: true, scopes: { oidc: [...oidc], offlineAccess, graph: [...expanded] } }
}

/** The scope string handed to oidc-provider. */
export function toProviderScope(scopes: RequestedScopes): string {
  return [...scopes.oidc, ...(scopes.offlineAccess ? [PROVIDER_OFFLINE_SCOPE] : []), ...scopes.graph].join(
    ' ',
  )
}

/** Reads back a scope string oidc-provider stored (a grant, code or refresh token). */
export function fromProviderScope(scope: string | undefined): RequestedScopes {
  const parsed: RequestedScopes = { oidc: [], offlineAccess: false, graph: [] }
  for (const token of splitScope(scope ?? '')) {
    if (OIDC_SCOPES.includes(token)) parsed.oidc.push(token)
    else if (token === PROVIDER_OFFLINE_SCOPE) parsed.offlineAccess = true
    else parsed.graph.push(token)
  }
  return parsed
}

/**
 * The `scope` of a token response and the `scp` of a Graph token: Graph permissions first, then the
 * OpenID Connect permissions, as Entra writes them (`User.Read profile openid email`).
 */
export function entraScopeString(graph: Iterable<string>, oidc: Iterable<string>): string {
  const granted = new Set(oidc)
  return [...graph, ...['profile', 'openid', 'email'].filter((s) => granted.has(s))].join(' ')
}
