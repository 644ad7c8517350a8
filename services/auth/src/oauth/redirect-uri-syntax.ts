// Which redirect URIs a client may register: RFC 6749 §3.1.2 (absolute, no fragment), RFC 7591 §2,
// RFC 8252 §7.1 (private-use schemes) and §7.3 (loopback), OAuth 2.1 §2.3.1 (https, or http on
// loopback only), RFC 9700 §4.1 (no patterns). ATTACKS A1, A2, E36. The string must already be in
// canonical form, because /authorize compares strings and must never normalise what it compares.

export type RedirectUriKind = 'https' | 'loopback' | 'private-use'

export type RedirectUriCheck =
  { readonly ok: true; readonly kind: RedirectUriKind } | { readonly ok: false; readonly reason: string }

export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]', 'localhost'])

// Parameters the authorization response adds (RFC 6749 §4.1.2, RFC 9207 §2); a registered query
// carrying them would give the client two values.
const RESPONSE_PARAMS = new Set(['code', 'state', 'iss', 'error', 'error_description', 'error_uri'])

const refuse = (reason: string): RedirectUriCheck => ({ ok: false, reason })

// Private-use forms clients use: `com.example.app:/path` (RFC 8252 §7.1) or `scheme://host/path`
// (cursor://anysphere.cursor-mcp/oauth/callback, vscode://vscode.github-authentication/…).
const PRIVATE_USE_FORM = /^[a-z][a-z0-9+.-]*:(?:\/(?!\/)|\/\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\/)/

export function checkRedirectUriSyntax(
  raw: string,
  privateUseSchemes: ReadonlySet<string>,
  maxLength: number,
): RedirectUriCheck {
  if (raw.length === 0) return refuse('is empty')
  if (raw.length > maxLength) return refuse(`is longer than ${maxLength} characters`)
  // Whitespace, controls and non-ASCII (IRIs, unencoded IDN) are not URIs (RFC 3986 §2).
  if (!/^[\x21-\x7e]+$/.test(raw)) return refuse('contains whitespace, control or non-ASCII characters')
  if (raw.includes('#')) return refuse('must not contain a fragment')
  if (raw.includes('*')) return refuse('must not contain a wildcard')
  if (raw.includes('\\')) return refuse('must not contain a backslash')
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(raw)?.[1]
  if (scheme === undefined) return refuse('must start with a lowercase scheme')
  if (!URL.canParse(raw)) return refuse('is not a valid absolute URI')
  const url = new URL(raw)
  const beforeQuery = raw.split('?', 1)[0] ?? ''
  const authority = raw.startsWith(`${scheme}://`)
    ? (/^[^/?]*/.exec(raw.slice(scheme.length + 3))?.[0] ?? '')
    : ''
  if (authority.includes('@') || url.username !== '' || url.password !== '') {
    return refuse('must not contain userinfo')
  }
  // Dot segments, plain or percent-encoded, and encoded separators hide where the URI points.
  if (
    /(^|\/)\.{1,2}(\/|$)/.test(beforeQuery.slice(scheme.length + 1)) ||
    /%(2e|2f|5c|00)/i.test(beforeQuery)
  ) {
    return refuse('must not contain dot segments or encoded separators')
  }
  for (const key of url.searchParams.keys()) {
    if (RESPONSE_PARAMS.has(key)) return refuse(`must not carry the response parameter ${key} in its query`)
  }
  if (scheme === 'https' || scheme === 'http') {
    // WHATWG serialisation differs from the input for any non-canonical form: case, default port,
    // IPv4 shorthands, percent-encoded hosts, dot segments.
    const canonical =
      url.href === raw || (url.pathname === '/' && url.search === '' && url.href === `${raw}/`)
    if (!canonical) return refuse('is not in canonical form')
    if (scheme === 'https') return { ok: true, kind: 'https' }
    if (!LOOPBACK_HOSTS.has(url.hostname)) return refuse('may use http only on a loopback host')
    if (url.port === '0') return refuse('must not use port 0')
    return { ok: true, kind: 'loopback' }
  }
  if (!privateUseSchemes.has(scheme)) return refuse(`uses the scheme ${scheme}, which is not allowed`)
  if (!PRIVATE_USE_FORM.test(raw)) return refuse('must have the form scheme:/path or scheme://host/path')
  return { ok: true, kind: 'private-use' }
}
