// The refusal of a stream over the per-user cap (RFC 6585 §4: 429 with Retry-After), in the
// vocabulary of the endpoint, like the rate limit's refusal: `slow_down` on /sse, a JSON-RPC error
// (-32000, id null) on /mcp. A slot frees whenever one of the user's streams ends, which the
// gateway cannot predict: Retry-After is a short fixed back-off.
import type { TooManyRequests } from './too-many-requests.js'

export const STREAM_CAP_RETRY_AFTER_SECONDS = 5

export function tooManyStreams(max: number, style: 'json-rpc' | 'oauth'): TooManyRequests {
  const message = `Too many open streams for this user (at most ${max}); close one or retry after ${STREAM_CAP_RETRY_AFTER_SECONDS} s`
  const headers = { 'retry-after': String(STREAM_CAP_RETRY_AFTER_SECONDS), 'cache-control': 'no-store' }
  const body =
    style === 'json-rpc'
      ? { jsonrpc: '2.0', id: null, error: { code: -32000, message } }
      : { error: 'slow_down', error_description: message }
  return { status: 429, headers, body }
}
