// URLs parsed with the WHATWG parser and returned in one canonical spelling, so two replicas
// configured with `https://MCP.example.com/` and `https://mcp.example.com` agree (issuer and audience
// comparisons are exact string matches, RFC 8414 §3.3, RFC 9068 §4).
import { envString, invalid, ok } from './env-string.js'

export type UrlProtocol = `${string}:`

export interface UrlOptions {
  /** Accepted schemes, with their colon (default `['https:', 'http:']`). */
  protocols?: readonly UrlProtocol[]
}

export function url({ protocols = ['https:', 'http:'] }: UrlOptions = {}) {
  return envString('url', (raw) => {
    let parsed: URL
    try {
      parsed = new URL(raw)
    } catch {
      return invalid('must be an absolute URL')
    }
    if (!protocols.includes(parsed.protocol as UrlProtocol)) {
      return invalid(`must use ${protocols.length === 1 ? '' : 'one of '}${protocols.join(', ')}`)
    }
    if (parsed.hostname === '') return invalid('must include a host')
    return ok(normalise(parsed))
  })
}

// Lower-cased scheme and host, default port dropped (done by the parser); a bare "/" path dropped.
function normalise(parsed: URL): string {
  const href = parsed.href
  const bareRoot = parsed.pathname === '/' && parsed.search === '' && parsed.hash === ''
  return bareRoot && href.endsWith('/') ? href.slice(0, -1) : href
}
