// Why the Entra leg failed, as a stable `code` the routes map to their own protocol errors
// (an OAuthError for the MCP client, a local error page for the browser). Messages and `upstream`
// are for logs only: they never carry tokens, codes or Entra's raw error text to a client.

export type EntraErrorCode =
  | 'invalid_callback' // malformed callback, state mismatch or replay (ATTACKS C20, C24)
  | 'access_denied' // the user or Entra refused the authorization (error=access_denied)
  | 'code_rejected' // Entra refused our code redemption (PKCE mismatch, used or expired code: C21)
  | 'invalid_token_response' // Entra's token response failed validation: ID token iss, aud, nonce,
  //   signature, lifetime, tid/oid (C21, C22)
  | 'tenant_not_allowed' // the signed-in user's tenant is not on the allowlist (C22)
  | 'missing_refresh_token' // no refresh token although offline_access was requested
  | 'reauth_required' // the refresh token is dead: invalid_grant, interaction_required, consent_required
  | 'transient' // throttling, outage, network failure or timeout: worth trying again later
  | 'upstream_error' // anything else Entra or Graph answered that we cannot act on

/** What Entra said, minus anything secret: safe to log. */
export interface UpstreamErrorInfo {
  status?: number
  /** OAuth 2.0 error code, e.g. `invalid_grant`. */
  error?: string
  /** Entra's finer classification, e.g. `consent_required`, `basic_action`. */
  suberror?: string
  /** AADSTS numbers from `error_codes`. */
  aadsts?: number[]
}

export class EntraError extends Error {
  override readonly name = 'EntraError'
  readonly code: EntraErrorCode
  readonly upstream: UpstreamErrorInfo | undefined
  /** For `transient`: how long Entra asked us to wait, when it said so. */
  readonly retryAfterMs: number | undefined

  constructor(
    code: EntraErrorCode,
    message: string,
    options: { upstream?: UpstreamErrorInfo; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.upstream = options.upstream
    this.retryAfterMs = options.retryAfterMs
  }
}

export function isEntraError(value: unknown, code?: EntraErrorCode): value is EntraError {
  return value instanceof EntraError && (code === undefined || value.code === code)
}
