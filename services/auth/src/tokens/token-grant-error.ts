// Token-endpoint failures of the grant modules, in RFC 6749 §5.2 / RFC 8707 §2 vocabulary. The
// fields match the service's OAuthError (error, status, public description) so the route maps one
// onto the other unchanged; `reason` is for logs only and never sent to the client.

export type TokenGrantErrorCode = 'invalid_grant' | 'invalid_scope' | 'invalid_target'

export type TokenGrantFailure =
  | 'malformed'
  | 'unknown'
  | 'expired'
  | 'client_mismatch'
  | 'redirect_uri_mismatch'
  | 'pkce_failed'
  | 'code_replayed'
  | 'token_reused'
  | 'grant_revoked'
  | 'scope_broadened'
  | 'resource_changed'

const DESCRIPTIONS: Record<TokenGrantErrorCode, string> = {
  invalid_grant: 'The authorization grant or refresh token is invalid, expired or revoked.',
  invalid_scope: 'The requested scope exceeds the scope originally granted.',
  invalid_target: 'The requested resource is not the one this grant was issued for.',
}

export class TokenGrantError extends Error {
  override readonly name = 'TokenGrantError'
  readonly status = 400
  readonly description: string

  constructor(
    readonly error: TokenGrantErrorCode,
    readonly reason: TokenGrantFailure,
  ) {
    super(`${error}: ${reason}`)
    this.description = DESCRIPTIONS[error]
  }
}

export const invalidGrant = (reason: TokenGrantFailure) => new TokenGrantError('invalid_grant', reason)
