// The Graph scopes we ask Entra for. RFC 6749 §3.3 scope-token syntax; Entra's v2 rules: one
// resource per token request, and `.default` (the app registration's consented permissions) cannot
// be combined with named scopes of the same resource (AADSTS70011).
// https://learn.microsoft.com/entra/identity-platform/scopes-oidc#the-default-scope

/** Always requested: sign-in (OIDC Core §3.1.2.1, §5.4) and a refresh token (Entra's offline_access). */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const

const GRAPH_RESOURCE = 'https://graph.microsoft.com/'
/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

function isDefault(scope: string): boolean {
  return scope === '.default' || scope.toLowerCase() === `${GRAPH_RESOURCE}.default`
}

/**
 * Validates configured Graph scopes and returns them without duplicates or OIDC scopes; returns a
 * list of problems instead when they are unusable.
 */
export function checkGraphScopes(
  scopes: readonly string[],
): { ok: true; scopes: string[] } | { ok: false; problems: string[] } {
  const problems: string[] = []
  const oidc = new Set<string>(OIDC_SCOPES)
  const kept: string[] = []
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) {
      problems.push(`'${scope}' is not a valid scope token (RFC 6749 §3.3)`)
      continue
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(scope) && !scope.toLowerCase().startsWith(GRAPH_RESOURCE)) {
      problems.push(`'${scope}' belongs to another resource than Microsoft Graph (one resource per token)`)
      continue
    }
    if (oidc.has(scope) || kept.includes(scope)) continue
    kept.push(scope)
  }
  if (kept.some(isDefault) && kept.length > 1) {
    problems.push('.default cannot be combined with named Graph scopes (AADSTS70011)')
  }
  if (kept.length === 0 && problems.length === 0) problems.push('at least one Graph scope is required')
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scopes: kept }
}

/** The `scope` parameter of our authorization and refresh requests. */
export function requestedScope(graphScopes: readonly string[]): string {
  return [...OIDC_SCOPES, ...graphScopes].join(' ')
}
