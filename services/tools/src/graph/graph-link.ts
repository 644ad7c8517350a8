// Whether a URL lies under the configured Graph base URL. Every nextLink we follow and every cursor
// we open passes this check, so neither Graph nor a forged cursor can send a user's token elsewhere.
// Compared on the parsed URL (scheme, host, port, path prefix), never as a string prefix, so
// `https://graph.microsoft.com.evil.example` or `https://user@host` cannot pass.

export function isGraphLink(link: string, graphBaseUrl: string): boolean {
  let url: URL
  let base: URL
  try {
    url = new URL(link)
    base = new URL(graphBaseUrl)
  } catch {
    return false
  }
  if (url.username !== '' || url.password !== '') return false
  if (url.origin !== base.origin) return false
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`
  return url.pathname.startsWith(prefix)
}
