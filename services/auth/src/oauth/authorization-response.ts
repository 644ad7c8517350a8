// The authorization response (RFC 6749 §4.1.2 and §4.1.2.1, query encoding per Appendix B;
// RFC 9207 §2: `iss` in every response, success or error; ATTACKS A10). Parameters are appended
// to the validated redirect URI, keeping its registered query (RFC 6749 §3.1.2). Only a
// ValidatedRedirect can be a target, so an unvalidated URI can never receive a code or an error.
import type { AuthorizeRedirectError } from './errors.js'
import { isValidatedRedirect, type ValidatedRedirect } from './validated-redirect.js'

export interface AuthorizationSuccess {
  readonly redirect: ValidatedRedirect
  readonly code: string
  /** Echoed exactly when the request carried one. */
  readonly state: string | undefined
  readonly issuer: string
}

function append(redirect: ValidatedRedirect, params: URLSearchParams): string {
  // Defence in depth beyond the type: a value forged with a cast is never redirected to.
  if (!isValidatedRedirect(redirect)) throw new TypeError('not a ValidatedRedirect')
  const { uri } = redirect
  const separator = !uri.includes('?') ? '?' : uri.endsWith('?') || uri.endsWith('&') ? '' : '&'
  return `${uri}${separator}${params.toString()}`
}

export function authorizationSuccessUrl(response: AuthorizationSuccess): string {
  const params = new URLSearchParams({ code: response.code })
  if (response.state !== undefined) params.set('state', response.state)
  params.set('iss', response.issuer)
  return append(response.redirect, params)
}

export function authorizationErrorUrl(error: AuthorizeRedirectError, issuer: string): string {
  const params = new URLSearchParams({ error: error.error })
  if (error.description !== '') params.set('error_description', error.description)
  if (error.state !== undefined) params.set('state', error.state)
  params.set('iss', issuer)
  return append(error.redirect, params)
}
