// Raw HTTP to `/mcp` for transport-rule tests: no MCP client in between, so every status code and
// body the service sends is what the test sees. Answers are read whether the SDK chose a JSON body
// or an SSE stream (MCP 2025-11-25 "Streamable HTTP": either is allowed for a POST).
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  PROTOCOL_VERSION_META_KEY,
} from '@modelcontextprotocol/server'

/** The Accept header a Streamable HTTP client must send (MCP 2025-03-26 and later). */
export const MCP_ACCEPT = 'application/json, text/event-stream'
export const MODERN_REVISION = '2026-07-28'

export interface RawAnswer {
  status: number
  headers: Headers
  text: string
  /** JSON-RPC messages of the body (a JSON body, or each SSE `data:` line). */
  messages: Array<Record<string, unknown>>
}

export interface PostOptions {
  token?: string
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown
  headers?: Record<string, string>
  method?: string
}

export async function rawMcp(url: string, options: PostOptions = {}): Promise<RawAnswer> {
  const method = options.method ?? 'POST'
  const headers: Record<string, string> = {
    accept: MCP_ACCEPT,
    ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  }
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body)
  const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text, messages: readMessages(res.headers, text) }
}

function readMessages(headers: Headers, text: string): Array<Record<string, unknown>> {
  const type = headers.get('content-type') ?? ''
  const chunks = type.startsWith('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
    : [text]
  const messages: Array<Record<string, unknown>> = []
  for (const chunk of chunks) {
    try {
      const value: unknown = JSON.parse(chunk)
      for (const item of Array.isArray(value) ? value : [value])
        if (item !== null && typeof item === 'object') messages.push(item as Record<string, unknown>)
    } catch {
      // Not JSON (an empty 202, a plain-text error): no messages.
    }
  }
  return messages
}

export function initialize(protocolVersion: string, id: number | string = 1) {
  return {
    jsonrpc: '2.0',
    id,
    method: 'initialize',
    params: { protocolVersion, capabilities: {}, clientInfo: { name: 'transport-test', version: '1.0.0' } },
  }
}

/**
 * A 2026-07-28 request: the per-request envelope in `params._meta` (the SDK's modern era, see
 * `classifyInboundRequest`), with the MCP-Protocol-Version and Mcp-Method headers it must agree with.
 */
export function modern(method: string, params: Record<string, unknown> = {}, id: number | string = 1) {
  return {
    headers: { 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': method },
    body: {
      jsonrpc: '2.0',
      id,
      method,
      params: {
        ...params,
        _meta: {
          [PROTOCOL_VERSION_META_KEY]: MODERN_REVISION,
          [CLIENT_INFO_META_KEY]: { name: 'transport-test', version: '1.0.0' },
          [CLIENT_CAPABILITIES_META_KEY]: {},
        },
      },
    },
  }
}

/** The `result` of the answer with JSON-RPC id `id`, or undefined. */
export function resultOf(answer: RawAnswer, id: number | string = 1): Record<string, unknown> | undefined {
  const message = answer.messages.find((m) => m.id === id && 'result' in m)
  return message?.result as Record<string, unknown> | undefined
}

export function errorOf(answer: RawAnswer): { code: number; message: string } | undefined {
  const message = answer.messages.find((m) => 'error' in m)
  return message?.error as { code: number; message: string } | undefined
}
