// Why a bearer token was not accepted, in RFC 6750 §3.1 vocabulary. `description` is public (it goes
// into WWW-Authenticate); causes stay in the log.
export type AccessTokenErrorCode = 'invalid_token' | 'temporarily_unavailable'

export class AccessTokenError extends Error {
  readonly code: AccessTokenErrorCode

  constructor(code: AccessTokenErrorCode, description: string, options?: { cause?: unknown }) {
    super(description, options)
    this.name = 'AccessTokenError'
    this.code = code
  }
}
