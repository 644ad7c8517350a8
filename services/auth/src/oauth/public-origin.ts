// The server's public origin, from which the issuer (RFC 8414 §2: https, no query or fragment;
// we also use no path, so the metadata sits at the RFC 8414 §3 well-known root) and the resource
// identifiers (RFC 8707 §2) are derived. A bad value is a configuration error, hence TypeError.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** `https://host[:port]` (or http on loopback, for development) with no trailing slash. */
export function parsePublicOrigin(value: string): string {
  if (!URL.canParse(value)) throw new TypeError(`public URL is not an absolute URL: ${value}`)
  const url = new URL(value)
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !loopbackHttp) {
    throw new TypeError('public URL must use https (http only on a loopback host)')
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new TypeError('public URL must not carry userinfo, a query or a fragment')
  }
  if (url.pathname !== '/') throw new TypeError('public URL must be an origin without a path')
  return url.origin
}
