// How long a fetched Client ID Metadata Document may be reused. CIMD draft §5.2 "Metadata Caching":
// respect HTTP cache headers (RFC 9111 §5.2.2) within bounds the server chooses. Our rules:
// - `no-store` → not cached at all (the document is used for this one request);
// - otherwise `s-maxage`, then `max-age`, else a default; `no-cache` counts as max-age=0;
// - the result is clamped to [minMs, maxMs]: the lower bound (60 s by default) keeps a client from
//   forcing a fetch per authorization request, the upper (24 h) bounds how stale metadata can be.
// `Expires` is not consulted; a document without Cache-Control gets the default.

export interface CacheBounds {
  readonly minMs: number
  readonly maxMs: number
  readonly defaultMs: number
}

function directives(header: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const part of header.split(',')) {
    const [rawName, ...rest] = part.split('=')
    const name = (rawName ?? '').trim().toLowerCase()
    if (name === '' || found.has(name)) continue
    found.set(
      name,
      rest
        .join('=')
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    )
  }
  return found
}

const seconds = (value: string | undefined): number | null =>
  value !== undefined && /^\d{1,10}$/.test(value) ? Number(value) : null

/** The cache lifetime in ms for a Cache-Control header value, or null for "do not cache". */
export function cacheLifetimeMs(cacheControl: string | undefined, bounds: CacheBounds): number | null {
  const found = directives(cacheControl ?? '')
  if (found.has('no-store')) return null
  let lifetimeMs = bounds.defaultMs
  const shared = seconds(found.get('s-maxage'))
  const own = seconds(found.get('max-age'))
  if (found.has('no-cache')) lifetimeMs = 0
  else if (shared !== null) lifetimeMs = shared * 1000
  else if (own !== null) lifetimeMs = own * 1000
  return Math.min(bounds.maxMs, Math.max(bounds.minMs, lifetimeMs))
}
