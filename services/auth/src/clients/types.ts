// The client shapes the registry hands out. Metadata validation is injected (the zod schema in
// oauth/client-metadata.ts); the registry only relies on the fields below.

/** RFC 7591 §2 methods this server supports; private_key_jwt is not (CIMD documents using it are refused). */
export const TOKEN_ENDPOINT_AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post'] as const
export type TokenEndpointAuthMethod = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number]
export type SecretAuthMethod = Exclude<TokenEndpointAuthMethod, 'none'>

export const isSecretMethod = (method: TokenEndpointAuthMethod): method is SecretAuthMethod =>
  method !== 'none'

/** Validated client metadata (RFC 7591 §2), defaults applied by the validator. */
export interface ClientMetadata {
  readonly redirect_uris: readonly string[]
  readonly token_endpoint_auth_method: TokenEndpointAuthMethod
  readonly client_name?: string
  readonly [field: string]: unknown
}

export type MetadataValidation =
  | { readonly ok: true; readonly metadata: ClientMetadata }
  | {
      readonly ok: false
      readonly error: 'invalid_client_metadata' | 'invalid_redirect_uri'
      readonly description: string
    }

/** Validates raw registration or CIMD metadata; `description` is public text. */
export type ValidateMetadata = (raw: unknown) => MetadataValidation

/** A DCR client: a secret hash exists exactly when the method uses a secret. */
export type DcrClient = {
  readonly kind: 'dcr'
  readonly clientId: string
  readonly metadata: ClientMetadata
  /** RFC 7591 `client_id_issued_at`, seconds since the epoch. */
  readonly issuedAt: number
} & (
  | { readonly tokenEndpointAuthMethod: 'none'; readonly secretHash?: undefined }
  | { readonly tokenEndpointAuthMethod: SecretAuthMethod; readonly secretHash: string }
)

/** A client whose id is the https URL of its metadata document: always public. */
export interface CimdClient {
  readonly kind: 'cimd'
  readonly clientId: string
  readonly metadata: ClientMetadata
  readonly tokenEndpointAuthMethod: 'none'
  readonly secretHash?: undefined
}

export type ResolvedClient = DcrClient | CimdClient

/** What the token endpoint saw: the method the request used and the secret if any. */
export interface ClientCredentials {
  readonly method: TokenEndpointAuthMethod
  readonly secret?: string
}
