// The client registry's refusals as OAuthError (oauth/errors.ts), one constructor per situation so
// every caller uses the same code and status.
import { OAuthError } from '../oauth/errors.js'

/** RFC 6749 §5.2: unknown client, failed authentication or unusable metadata document → 401. */
export const invalidClient = (description: string, cause?: unknown): OAuthError =>
  new OAuthError('invalid_client', description, cause === undefined ? {} : { cause })

/** RFC 7591 §3.2.2: registration metadata refused → 400. */
export const invalidClientMetadata = (
  description: string,
  error: 'invalid_client_metadata' | 'invalid_redirect_uri' = 'invalid_client_metadata',
): OAuthError => new OAuthError(error, description)

/** Registration flood (ATTACKS E38): 429 with a slow_down code; the route adds Retry-After. */
export const registrationRateLimited = (): OAuthError =>
  new OAuthError('slow_down', 'too many client registrations; retry later', { status: 429 })
