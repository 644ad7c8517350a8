export { AccessTokenError } from './access-token-error.js'
export type { AccessTokenErrorCode } from './access-token-error.js'
export { createAccessTokenVerifier } from './access-token-verifier.js'
export type { AccessTokenVerifier, AccessTokenVerifierOptions } from './access-token-verifier.js'
export { createBearerAuthenticator } from './bearer.js'
export type {
  BearerAuthenticator,
  BearerAuthenticatorOptions,
  BearerOutcome,
  BearerRefusal,
  McpResourcePath,
  RequestLog,
} from './bearer.js'
export type { VerifiedAccessToken } from './verified-access-token.js'
