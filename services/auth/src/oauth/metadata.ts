// Authorization server metadata (RFC 8414 §2), served at /.well-known/oauth-authorization-server.
// The issuer is the public origin with no path (RFC 8414 §3; RFC 9207 §2 compares it with `iss`;
// ATTACKS A10). MCP clients rely on `code_challenge_methods_supported` to decide that PKCE is
// available (MCP authorization spec, "Authorization Code Protection") and on
// `client_id_metadata_document_supported` (draft-ietf-oauth-client-id-metadata-document §5).
import { parsePublicOrigin } from './public-origin.js'

export interface MetadataOptions {
  readonly publicUrl: string
  readonly scopesSupported: readonly string[]
  /** Dynamic Client Registration enabled; otherwise no registration_endpoint is advertised. */
  readonly registrationEnabled: boolean
  /** Default true. */
  readonly clientIdMetadataDocumentSupported?: boolean
}

const AUTH_METHODS = ['none', 'client_secret_post', 'client_secret_basic'] as const

export interface AuthorizationServerMetadata {
  readonly issuer: string
  readonly authorization_endpoint: string
  readonly token_endpoint: string
  readonly registration_endpoint?: string
  readonly revocation_endpoint: string
  readonly jwks_uri: string
  readonly scopes_supported: readonly string[]
  readonly response_types_supported: readonly ['code']
  readonly response_modes_supported: readonly ['query']
  readonly grant_types_supported: readonly ['authorization_code', 'refresh_token']
  readonly code_challenge_methods_supported: readonly ['S256']
  readonly token_endpoint_auth_methods_supported: typeof AUTH_METHODS
  readonly revocation_endpoint_auth_methods_supported: typeof AUTH_METHODS
  readonly authorization_response_iss_parameter_supported: true
  readonly client_id_metadata_document_supported: boolean
}

export function buildAuthorizationServerMetadata(options: MetadataOptions): AuthorizationServerMetadata {
  const issuer = parsePublicOrigin(options.publicUrl)
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    ...(options.registrationEnabled ? { registration_endpoint: `${issuer}/register` } : {}),
    revocation_endpoint: `${issuer}/revoke`,
    jwks_uri: `${issuer}/jwks.json`,
    scopes_supported: [...options.scopesSupported],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: AUTH_METHODS,
    revocation_endpoint_auth_methods_supported: AUTH_METHODS,
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: options.clientIdMetadataDocumentSupported ?? true,
  }
}
