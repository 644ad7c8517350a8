// Transport-level refusals in JSON-RPC 2.0 vocabulary (§5.1), id null because no request was
// accepted. -32001 "session not found" is the code the MCP SDK's HTTP transports answer with 404.
export const PARSE_ERROR = -32700
export const INVALID_REQUEST = -32600
export const INTERNAL_ERROR = -32603
export const SESSION_NOT_FOUND = -32001

export interface JsonRpcErrorBody {
  readonly jsonrpc: '2.0'
  readonly id: null
  readonly error: { readonly code: number; readonly message: string }
}

export function jsonRpcError(code: number, message: string): JsonRpcErrorBody {
  return { jsonrpc: '2.0', id: null, error: { code, message } }
}
