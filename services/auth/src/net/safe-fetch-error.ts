// Why a server-side fetch was refused or failed. Codes are stable (logged, asserted by tests and
// mapped by callers to their own protocol error); messages are for logs only, never for clients.

export type SafeFetchErrorCode =
  | 'invalid_url' // not a parseable absolute URL, or carries userinfo
  | 'scheme_not_allowed' // anything but https
  | 'address_not_allowed' // a resolved or literal address is special-use (RFC 6890)
  | 'dns_failure' // the name did not resolve
  | 'redirect_refused' // a 3xx answer: redirects are never followed
  | 'http_status' // any status but 200
  | 'timeout' // the whole exchange exceeded its time cap
  | 'too_large' // the body exceeded the size cap
  | 'content_type' // not application/json or application/*+json
  | 'invalid_json' // the body is not JSON
  | 'network_error' // connection, TLS or protocol failure

export class SafeFetchError extends Error {
  override readonly name = 'SafeFetchError'
  readonly code: SafeFetchErrorCode
  /** The HTTP status, for `redirect_refused` and `http_status`. */
  readonly status: number | undefined

  constructor(code: SafeFetchErrorCode, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.status = options.status
  }
}
