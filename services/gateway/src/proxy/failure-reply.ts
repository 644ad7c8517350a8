// What the client sees when the proxy itself fails, in the vocabulary of the endpoint: a JSON-RPC
// error object on the MCP endpoints (JSON-RPC 2.0 §5.1, id null since the request was not read),
// an OAuth-style error elsewhere. Upstream error text never reaches the client.
import type { OutgoingHttpHeaders } from 'node:http'

export type ProxyFailure = 'unavailable' | 'bad_gateway' | 'timeout' | 'too_large'

const STATUS: Record<ProxyFailure, number> = {
  unavailable: 503,
  bad_gateway: 502,
  timeout: 504,
  too_large: 413,
}

const MESSAGE: Record<ProxyFailure, string> = {
  unavailable: 'The service is temporarily unavailable; retry shortly',
  bad_gateway: 'The upstream service failed to answer',
  timeout: 'The upstream service did not answer in time',
  too_large: 'The request body is too large',
}

export interface FailureReply {
  status: number
  headers: OutgoingHttpHeaders
  body: unknown
}

export function failureReply(failure: ProxyFailure, style: 'json-rpc' | 'oauth'): FailureReply {
  const headers: OutgoingHttpHeaders = failure === 'unavailable' ? { 'retry-after': '2' } : {}
  const status = STATUS[failure]
  if (style === 'json-rpc') {
    // -32000..-32099 are reserved for implementation-defined server errors.
    const code = failure === 'too_large' ? -32600 : -32000
    return { status, headers, body: { jsonrpc: '2.0', id: null, error: { code, message: MESSAGE[failure] } } }
  }
  const error = failure === 'too_large' ? 'invalid_request' : 'temporarily_unavailable'
  return { status, headers, body: { error, error_description: MESSAGE[failure] } }
}

export function failureOf(error: Error): ProxyFailure {
  const code = (error as { code?: string }).code
  if (code === 'GATEWAY_BODY_TOO_LARGE') return 'too_large'
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout'
  return 'bad_gateway'
}
