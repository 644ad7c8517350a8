// oidc-provider raises OAuth errors in its own words; Entra answers the same situations with AADSTS
// errors. This is the one place that translates the first into the second.
import { aadsts } from './aadsts.js'
import type { EntraError } from './entra-error.js'

export interface ProviderErrorContext {
  clientId?: string
  appName?: string
  grantType?: string
}

interface ProviderErrorLike {
  error?: unknown
  error_description?: unknown
  error_detail?: unknown
  expose?: unknown
  scope?: unknown
}

const str = (value: unknown) => (typeof value === 'string' ? value : '')

/** `err` is the error oidc-provider raised; `out` what it would have sent when no error object is at hand. */
export function fromProviderError(
  err: unknown,
  out: { error?: unknown; error_description?: unknown } | undefined,
  context: ProviderErrorContext,
): EntraError {
  const raised: ProviderErrorLike = typeof err === 'object' && err !== null ? err : {}
  if (err !== undefined && raised.expose !== true) return aadsts.serverError()
  const error = str(raised.error) || str(out?.error)
  const description = str(raised.error_description) || str(out?.error_description)
  const detail = str(raised.error_detail)
  switch (error) {
    case 'invalid_grant':
      return invalidGrant(description, detail, context)
    case 'invalid_scope':
      return aadsts.invalidScope(str(raised.scope))
    case 'login_required':
      return aadsts.loginRequired()
    case 'consent_required':
      return aadsts.consentRequired(context.clientId ?? '', context.appName ?? '', 'consent_required')
    case 'interaction_required':
      return aadsts.interactionRequired()
    case 'access_denied':
      return aadsts.userDeclined()
    case 'invalid_client':
      return aadsts.invalidClientSecret(context.clientId ?? '')
    case 'unsupported_grant_type':
      return aadsts.unsupportedGrantType(context.grantType ?? '')
    case 'invalid_request': {
      const missing = /^missing required parameters? (.+)$/.exec(description)?.[1]
      return missing ? aadsts.missingParameter(missing.replaceAll("'", '')) : aadsts.malformed()
    }
    case 'temporarily_unavailable':
      return aadsts.unavailable(1)
    case '':
    case 'server_error':
      return aadsts.serverError()
    default:
      return { ...aadsts.malformed(), error }
  }
}

/** oidc-provider's invalid_grant says why in `error_detail` ("grant request is invalid" is its description). */
function invalidGrant(description: string, detail: string, context: ProviderErrorContext): EntraError {
  const reason = detail || description
  if (/code_verifier/.test(reason)) return aadsts.pkceMismatch()
  switch (reason) {
    case 'authorization code already consumed':
      return aadsts.codeRedeemed()
    case 'authorization code is expired':
    case 'grant is expired':
      return aadsts.codeExpired()
    case 'authorization code redirect_uri mismatch':
      return aadsts.replyAddressMismatch()
    case 'refresh token is expired':
      return aadsts.refreshTokenInactive()
    default:
      return context.grantType === 'authorization_code'
        ? aadsts.codeInvalid()
        : aadsts.malformed('invalid_grant')
  }
}
