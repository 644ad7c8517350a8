// Headers a client could use to pose as someone (ATTACKS F47). Identity behind the gateway comes
// only from the verified access token, so any inbound header that looks like an identity assertion
// or an internal control is dropped before proxying, whatever the upstream does with it.
const EXACT = new Set(['x-user-id', 'x-user', 'x-remote-user', 'x-principal', 'remote-user'])
const PREFIXES = ['x-authenticated-', 'x-internal-', 'x-mcp-', 'x-auth-', 'x-ms-client-principal']

/** Forwarding headers, believed only from a trusted proxy (and then rebuilt, never passed as is). */
const FORWARDING = new Set(['forwarded', 'x-real-ip', 'x-client-ip', 'true-client-ip'])

export function isIdentityHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return EXACT.has(lower) || PREFIXES.some((prefix) => lower.startsWith(prefix))
}

export function isForwardingHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return FORWARDING.has(lower) || lower.startsWith('x-forwarded-')
}
