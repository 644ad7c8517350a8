// Loopback redirect matching (RFC 8252 §7.3, §8.3): native apps listen on an ephemeral port, so
// the authorization server must allow any port when the registered URI is an http loopback one.
// Everything else (scheme, host literal, path, query) is compared as a string: `localhost` never
// matches `127.0.0.1`, a trailing slash is a difference.

const LOOPBACK_FORM = /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?::([0-9]{1,5}))?([/?].*)?$/

interface LoopbackParts {
  readonly host: string
  readonly rest: string
}

function split(uri: string): LoopbackParts | null {
  const match = LOOPBACK_FORM.exec(uri)
  if (match === null) return null
  return { host: match[1] ?? '', rest: match[3] ?? '' }
}

/** Whether two syntactically valid loopback URIs differ at most in their port. */
export function loopbackMatches(registered: string, requested: string): boolean {
  const a = split(registered)
  const b = split(requested)
  return a !== null && b !== null && a.host === b.host && a.rest === b.rest
}
