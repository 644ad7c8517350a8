// Client Identifier URLs (CIMD draft §3): https, no userinfo, a path other than `/`, no dot
// segments, no fragment. They are compared as plain strings (RFC 3986 §6.2.1), so we only accept a
// URL already in the form WHATWG parsing produces: otherwise the URL we fetch and the id the client
// sent would differ (dot segments, `:443`, upper-case host, IDN and escaping are all normalised).

export const MAX_CLIENT_ID_URL_LENGTH = 2048

/** A client_id that is meant as a metadata document URL (DCR ids start with `mcp_`). */
export const isClientIdUrl = (clientId: string): boolean => clientId.startsWith('https://')

export type ClientIdUrlCheck =
  { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string }

const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$|\?)/i

export function checkClientIdUrl(clientId: string): ClientIdUrlCheck {
  if (clientId.length > MAX_CLIENT_ID_URL_LENGTH) return { ok: false, reason: 'client_id URL is too long' }
  let url: URL
  try {
    url = new URL(clientId)
  } catch {
    return { ok: false, reason: 'client_id is not a URL' }
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'client_id URL must use https' }
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'client_id URL must not carry userinfo' }
  if (clientId.includes('#')) return { ok: false, reason: 'client_id URL must not carry a fragment' }
  if (DOT_SEGMENT.test(clientId)) return { ok: false, reason: 'client_id URL must not contain dot segments' }
  if (url.pathname === '/') return { ok: false, reason: 'client_id URL must have a path' }
  if (url.href !== clientId) return { ok: false, reason: 'client_id URL is not in normalised form' }
  return { ok: true, url }
}
