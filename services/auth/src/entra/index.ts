export { createEntraClient } from './entra-client.js'
export type { CompletedAuthorization, CreateEntraClientOptions, EntraClient } from './entra-client.js'
export type { EntraClientOptions, EntraCredential } from './entra-config.js'
export type {
  AuthorizationStart,
  EntraPrompt,
  EntraTransaction,
  StartAuthorizationInput,
} from './authorize-request.js'
export type { EntraIdentity } from './identity.js'
export { directoryClaimsFrom } from './directory-claims.js'
export type { DirectoryClaimName, DirectoryClaims } from './directory-claims.js'
export type { EntraTokens } from './tokens.js'
export type { GraphProfile } from './profile.js'
export { EntraError, isEntraError } from './errors.js'
export type { EntraErrorCode, UpstreamErrorInfo } from './errors.js'
export { userIdFor, USER_ID_PREFIX } from './user-id.js'
export type { RetryPolicy } from './retry.js'
