// The error a tool returns to the model. Its message is curated text written here, never upstream
// text: Graph messages, URLs, request ids, stack traces and tokens stay in the logs (house style,
// "errors are grouped by where they travel"; MCP 2025-11-25 "Tools › Error Handling": tool failures
// are reported in the result with isError so the model can act on them).

export type ToolErrorCode =
  | 'permission_missing'
  | 'not_found'
  | 'throttled'
  | 'reauth_required'
  | 'bad_request'
  | 'upstream_unavailable'
  | 'internal'

export interface ToolErrorOptions {
  /** Seconds after which a retry may succeed (throttling, outages). */
  retryAfterSeconds?: number
  /** Delegated permissions that would allow the call (permission_missing). */
  permissions?: readonly string[]
  cause?: unknown
}

export class ToolError extends Error {
  readonly code: ToolErrorCode
  readonly retryAfterSeconds: number | undefined
  readonly permissions: readonly string[] | undefined

  constructor(code: ToolErrorCode, message: string, options: ToolErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ToolError'
    this.code = code
    this.retryAfterSeconds = options.retryAfterSeconds
    this.permissions = options.permissions
  }
}

export function isToolError(error: unknown, code?: ToolErrorCode): error is ToolError {
  return error instanceof ToolError && (code === undefined || error.code === code)
}
