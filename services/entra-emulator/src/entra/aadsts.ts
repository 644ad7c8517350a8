// The AADSTS errors the emulator answers with, one constructor each, wording as Entra sends it.
// https://learn.microsoft.com/entra/identity-platform/reference-error-codes
import type { EntraError } from './entra-error.js'

/** Microsoft Graph's application id, which Entra names as the resource in its messages. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'

const e = (
  status: number,
  error: string,
  code: number,
  message: string,
  extra?: Partial<EntraError>,
): EntraError => ({
  status,
  error,
  code,
  message,
  ...extra,
})

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19) + 'Z'

export const aadsts = {
  tenantNotFound: (tenant: string, error = 'invalid_request') =>
    e(
      400,
      error,
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  tenantMalformed: (tenant: string, error = 'invalid_request') =>
    e(
      400,
      error,
      900023,
      `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`,
    ),
  missingParameter: (name: string) =>
    e(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  malformed: (error = 'invalid_request') =>
    e(400, error, 9002313, 'Invalid request. Request is malformed or invalid.'),
  unsupportedResponseMode: (mode: string) =>
    e(400, 'invalid_request', 9002313, `Invalid request. The response_mode '${mode}' is not supported.`),
  unknownClient: (clientId: string, tenantName: string) =>
    e(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  redirectMismatch: (uri: string, clientId: string) =>
    e(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  invalidClientSecret: (clientId: string) =>
    e(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  missingClientCredential: () =>
    e(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  publicClientCredential: () =>
    e(
      401,
      'invalid_client',
      700025,
      "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
    ),
  assertionMalformed: () => e(401, 'invalid_client', 50027, 'JWT token is invalid or malformed.'),
  assertionSignature: () => e(401, 'invalid_client', 700027, 'Client assertion failed signature validation.'),
  assertionIssuer: () =>
    e(
      401,
      'invalid_client',
      700021,
      "Client assertion application identifier doesn't match 'client_id' parameter.",
    ),
  assertionAudience: () =>
    e(401, 'invalid_client', 700023, 'Client assertion audience claim does not match Realm issuer.'),
  assertionLifetime: () =>
    e(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  unsupportedGrantType: (grantType: string) =>
    e(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  unsupportedResponseType: (responseType: string) =>
    e(
      400,
      'unsupported_response_type',
      700054,
      `response_type '${responseType}' is not enabled for the application.`,
    ),
  resourceNotSupported: () =>
    e(400, 'invalid_request', 901002, "The 'resource' request parameter is not supported."),
  invalidScope: (scope: string, reason?: string) =>
    e(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.${reason ? ` ${reason}` : ''}`,
    ),
  unknownPermission: (appName: string, scope: string) =>
    e(
      400,
      'invalid_scope',
      650053,
      `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${GRAPH_APP_ID}'. Contact the app vendor.`,
    ),
  unknownResource: (resource: string, tenantName: string) =>
    e(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  consentRequired: (clientId: string, appName: string, error = 'invalid_grant') =>
    e(
      400,
      error,
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      error === 'invalid_grant' ? { suberror: 'consent_required' } : {},
    ),
  refreshTokenInactive: (issuedAt?: number, inactiveSeconds?: number) =>
    e(
      400,
      'invalid_grant',
      700082,
      issuedAt === undefined || inactiveSeconds === undefined
        ? 'The refresh token has expired due to inactivity.'
        : `The refresh token has expired due to inactivity. The token was issued on ${iso(issuedAt)} and was inactive for ${timeSpan(inactiveSeconds)}.`,
    ),
  mfaRequired: () =>
    e(
      400,
      'interaction_required',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${GRAPH_APP_ID}'.`,
      { suberror: 'basic_action' },
    ),
  throttled: (retryAfter: number) =>
    e(
      429,
      'temporarily_unavailable',
      90055,
      'There are too many incoming requests for this tenant. Try again after the delay in the Retry-After header.',
      { retryAfter },
    ),
  unavailable: (retryAfter: number) =>
    e(503, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.', {
      retryAfter,
    }),
  grantRevoked: (issuedAt: number, validFrom: number) =>
    e(
      400,
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${iso(issuedAt)}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${iso(validFrom)}'.`,
    ),
  invalidCredentials: () =>
    e(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  accountDisabled: () => e(400, 'invalid_grant', 50057, 'The user account is disabled.'),
  loginRequired: () =>
    e(
      400,
      'login_required',
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    ),
  interactionRequired: () =>
    e(
      400,
      'interaction_required',
      16000,
      'Either multiple user identities are available for the current request or selected account is not supported for the scenario.',
    ),
  userDeclined: () => e(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
  pkceMismatch: () =>
    e(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    ),
  pkceRequired: () =>
    e(
      400,
      'invalid_request',
      9002325,
      'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
    ),
  codeRedeemed: () =>
    e(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  codeExpired: () =>
    e(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeInvalid: () =>
    e(400, 'invalid_grant', 70000, "The provided value for the 'code' parameter is not valid."),
  replyAddressMismatch: () =>
    e(
      400,
      'invalid_grant',
      500112,
      'The reply address does not match the reply address provided when requesting Authorization code.',
    ),
  flowExpired: () =>
    e(
      400,
      'invalid_request',
      50089,
      'Flow token expired - authentication failed. Go back to the application and sign in again.',
    ),
  serverError: () =>
    e(500, 'server_error', 50000, 'There was an error issuing a token or an issue with our sign-in service.'),
}

/** .NET TimeSpan notation Entra uses in messages: `d.hh:mm:ss`. */
function timeSpan(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  const pad = (n: number) => String(n).padStart(2, '0')
  const days = Math.floor(s / 86400)
  const rest = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
  return days > 0 ? `${days}.${rest}` : rest
}
