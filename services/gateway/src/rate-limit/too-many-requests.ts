// The refusal of a request over its rate limit (RFC 6585 §4: 429 with Retry-After), in the
// vocabulary of the endpoint: a JSON-RPC error on /mcp and /messages (id null: the body is not
// read; -32000, the gateway's code for its own refusals, JSON-RPC 2.0 §5.1), and on /sse
// an OAuth-style body with `slow_down`, the code the auth service answers for its own limits.
import type { OutgoingHttpHeaders } from 'node:http'
import type { RateLimitScope } from '../keys.js'

export interface TooManyRequests {
  status: 429
  headers: OutgoingHttpHeaders
  body: unknown
}

export function tooManyRequests(
  scope: RateLimitScope,
  retryAfterSeconds: number,
  style: 'json-rpc' | 'oauth',
): TooManyRequests {
  const who = scope === 'user' ? 'this user' : 'this client application'
  const message = `Rate limit exceeded for ${who}; retry after ${retryAfterSeconds} s`
  const headers = { 'retry-after': String(retryAfterSeconds), 'cache-control': 'no-store' }
  const body =
    style === 'json-rpc'
      ? { jsonrpc: '2.0', id: null, error: { code: -32000, message } }
      : { error: 'slow_down', error_description: message }
  return { status: 429, headers, body }
}
