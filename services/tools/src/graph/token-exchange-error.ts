// Why the auth service's internal token exchange did not give a Graph token. `reauth_required`: the
// grant is gone (revoked, or Entra wants a new sign-in); `unavailable`: the auth service or Entra is
// not answering, a retry may work; `internal`: anything else (misconfiguration, a malformed answer).

export type TokenExchangeErrorCode = 'reauth_required' | 'unavailable' | 'internal'

export class TokenExchangeError extends Error {
  readonly code: TokenExchangeErrorCode

  constructor(code: TokenExchangeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'TokenExchangeError'
    this.code = code
  }
}
