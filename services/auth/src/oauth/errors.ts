// OAuth errors in the protocols' own vocabulary: RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1,
// RFC 7009 §2.2.1, RFC 7591 §3.2.2, RFC 8707 §2, RFC 8628 §3.5, OIDC Core §3.1.2.6.
// `description` is public text (it reaches clients); `cause` is for logs only.
// Authorization-endpoint errors are split by where they may travel (house style §4): an
// AuthorizeRedirectError needs a ValidatedRedirect, everything else renders locally.
import { isValidatedRedirect, type ValidatedRedirect } from './validated-redirect.js'

export type { ValidatedRedirect } from './validated-redirect.js'

const DEFAULT_STATUS = {
  invalid_request: 400,
  invalid_client: 401, // RFC 6749 §5.2: 401 when the client tried to authenticate
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  unsupported_response_type: 400,
  unsupported_token_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  access_denied: 403,
  server_error: 500,
  temporarily_unavailable: 503,
  invalid_redirect_uri: 400,
  invalid_client_metadata: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  slow_down: 400,
  login_required: 400,
  interaction_required: 400,
  consent_required: 400,
} as const

export type OAuthErrorCode = keyof typeof DEFAULT_STATUS

/** Codes RFC 6749 §4.1.2.1 (plus RFC 8707 invalid_target) allows in an authorization response. */
export type AuthorizeErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'server_error'
  | 'temporarily_unavailable'

const AUTHORIZE_CODES: ReadonlySet<string> = new Set<AuthorizeErrorCode>([
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'invalid_target',
  'server_error',
  'temporarily_unavailable',
])

export const isAuthorizeErrorCode = (code: string): code is AuthorizeErrorCode => AUTHORIZE_CODES.has(code)

const MAX_DESCRIPTION = 300

// RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E.
function sanitizeDescription(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '?').slice(0, MAX_DESCRIPTION)
}

export interface OAuthErrorOptions {
  /** Overrides the code's usual status (e.g. 429 for a rate-limited slow_down). */
  readonly status?: number
  /** Logged, never sent. */
  readonly cause?: unknown
}

export class OAuthError extends Error {
  override readonly name: string = 'OAuthError'
  readonly error: OAuthErrorCode
  readonly status: number
  readonly description: string

  constructor(error: OAuthErrorCode, description: string, options: OAuthErrorOptions = {}) {
    super(`${error}: ${description}`, options.cause === undefined ? undefined : { cause: options.cause })
    this.error = error
    this.status = options.status ?? DEFAULT_STATUS[error]
    this.description = sanitizeDescription(description)
  }

  /** Whether the public fields may be shown: server faults become a generic server_error. */
  get exposed(): boolean {
    return this.status < 500
  }

  /** The RFC 6749 §5.2 error body. */
  toJSON(): { error: OAuthErrorCode; error_description?: string } {
    return this.description === ''
      ? { error: this.error }
      : { error: this.error, error_description: this.description }
  }
}

/** An authorization-endpoint error shown on our own page: the client is never redirected to. */
export class AuthorizeLocalError extends OAuthError {
  override readonly name: string = 'AuthorizeLocalError'
}

/**
 * An authorization-endpoint error returned to the client through its validated redirect URI
 * (RFC 6749 §4.1.2.1). `state` is required as an argument so a caller cannot forget to echo it;
 * pass undefined only when the request carried none.
 */
export class AuthorizeRedirectError extends OAuthError {
  override readonly name: string = 'AuthorizeRedirectError'
  override readonly error: AuthorizeErrorCode
  readonly redirect: ValidatedRedirect
  readonly state: string | undefined

  constructor(
    redirect: ValidatedRedirect,
    state: string | undefined,
    error: AuthorizeErrorCode,
    description: string,
    options: OAuthErrorOptions = {},
  ) {
    // A forged redirect is a programming error, never something to send a browser to.
    if (!isValidatedRedirect(redirect))
      throw new TypeError('AuthorizeRedirectError needs a ValidatedRedirect')
    super(error, description, options)
    this.error = error
    this.redirect = redirect
    this.state = state
  }

  /**
   * Re-targets a policy error raised after the redirect URI was validated. Codes an authorization
   * response cannot carry (e.g. invalid_client) stay local.
   */
  static from(
    error: OAuthError,
    redirect: ValidatedRedirect,
    state: string | undefined,
  ): AuthorizeRedirectError | AuthorizeLocalError {
    if (!isAuthorizeErrorCode(error.error)) {
      return new AuthorizeLocalError(error.error, error.description, { status: error.status, cause: error })
    }
    return new AuthorizeRedirectError(redirect, state, error.error, error.description, { cause: error })
  }
}
