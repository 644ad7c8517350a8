// Origin checks and CORS for the MCP endpoints. MCP 2025-11-25 "Transports" §Security Warning:
// servers MUST validate Origin to stop DNS rebinding; a request with a foreign Origin is refused
// (403), one without Origin (native clients) passes. Allowed browser origins get CORS (Fetch
// standard §3.2) with the MCP headers they must send and read; there are no cookies here, so
// credentials are never allowed.
import type { OutgoingHttpHeaders } from 'node:http'

const ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'Mcp-Session-Id',
  'MCP-Protocol-Version',
  'Mcp-Method',
  'Mcp-Name',
  'Last-Event-ID',
].join(', ')
// Retry-After is not a CORS-safelisted response header; browser clients need it on 429 and 503.
const EXPOSE_HEADERS = 'WWW-Authenticate, Mcp-Session-Id, Retry-After'
const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS'

export interface OriginPolicy {
  /** Absent Origin is allowed; a present one must be listed ("null" never is). */
  allows(origin: string | undefined): boolean
  /** CORS headers for a response to an allowed browser origin (none without Origin). */
  corsHeaders(origin: string | undefined): OutgoingHttpHeaders
  preflightHeaders(origin: string): OutgoingHttpHeaders
}

export function createOriginPolicy(options: {
  publicUrl: string
  allowedOrigins: readonly string[]
}): OriginPolicy {
  const allowed = new Set([new URL(options.publicUrl).origin, ...options.allowedOrigins])
  return {
    allows: (origin) => origin === undefined || allowed.has(origin),
    corsHeaders(origin) {
      if (origin === undefined || !allowed.has(origin)) return {}
      return {
        'access-control-allow-origin': origin,
        'access-control-expose-headers': EXPOSE_HEADERS,
        vary: 'Origin',
      }
    },
    preflightHeaders: (origin) => ({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': ALLOW_METHODS,
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': '600',
      vary: 'Origin',
    }),
  }
}

/** Upstream CORS headers are dropped: the gateway alone decides CORS on the public origin. */
export function withoutCors(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('access-control-')) out[name] = value
  }
  return out
}
