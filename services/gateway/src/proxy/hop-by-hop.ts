// Hop-by-hop headers belong to one connection and are never forwarded (RFC 9110 §7.6.1): the fixed
// set, plus every header the Connection header names.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
])

export type HeaderValue = string | string[] | undefined

/** The names a message's Connection header lists, lower-cased. */
export function connectionTokens(connection: HeaderValue): Set<string> {
  const raw = Array.isArray(connection) ? connection.join(',') : (connection ?? '')
  return new Set(
    raw
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  )
}

export function isHopByHop(name: string, listed: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase()
  return HOP_BY_HOP.has(lower) || listed.has(lower)
}
