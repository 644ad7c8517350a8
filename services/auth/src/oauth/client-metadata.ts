// Client metadata policy for Dynamic Client Registration (RFC 7591 §2, §3.2.2) and Client ID
// Metadata Documents (draft-ietf-oauth-client-id-metadata-document §4, §4.1). ATTACKS E36, E39:
// identifiers and secrets are the server's to choose, so a registration naming any of them is
// refused; every redirect URI must pass the redirect URI policy, and one refusal refuses them all.
// Request size is capped by the route (ATTACKS E38); this module sees parsed JSON.
import { clientMetadataSchema, type ClientMetadata } from './client-metadata-schema.js'
import { OAuthError } from './errors.js'
import type { RedirectUriPolicy } from './redirect-uri.js'

export type { ClientMetadata, GrantType, TokenEndpointAuthMethod } from './client-metadata-schema.js'
export { GRANT_TYPES, TOKEN_ENDPOINT_AUTH_METHODS } from './client-metadata-schema.js'

// RFC 7591 §3.2.1 response fields: issued by the server, never accepted from a registrant.
const SERVER_ASSIGNED = [
  'client_id',
  'client_secret',
  'client_id_issued_at',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
]
// A metadata document names its own URL as client_id (checked by the resolver) but is public.
const DOCUMENT_FORBIDDEN = ['client_secret', 'client_secret_expires_at']

export type MetadataValidation =
  | { readonly ok: true; readonly metadata: ClientMetadata }
  | {
      readonly ok: false
      readonly error: 'invalid_client_metadata' | 'invalid_redirect_uri'
      readonly description: string
    }

export interface ClientMetadataPolicyOptions {
  readonly redirectUris: RedirectUriPolicy
  /** Default 10. */
  readonly maxRedirectUris?: number
}

export interface ClientMetadataPolicy {
  /** DCR request body; OAuthError `invalid_client_metadata` / `invalid_redirect_uri`. */
  readonly parseRegistration: (raw: unknown) => ClientMetadata
  /** CIMD document: public clients only (method `none`, the default). */
  readonly parseDocument: (raw: unknown) => ClientMetadata
  /** Non-throwing forms of the above, safe to pass unbound into the client registry. */
  readonly validateRegistration: (raw: unknown) => MetadataValidation
  readonly validateDocument: (raw: unknown) => MetadataValidation
}

const invalidMetadata = (description: string) => new OAuthError('invalid_client_metadata', description)

const asObject = (raw: unknown): Record<string, unknown> => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalidMetadata('client metadata must be a JSON object')
  }
  return raw as Record<string, unknown>
}

export function createClientMetadataPolicy(options: ClientMetadataPolicyOptions): ClientMetadataPolicy {
  const { redirectUris } = options
  const maxRedirectUris = options.maxRedirectUris ?? 10

  function parse(input: Record<string, unknown>, defaultMethod: string): ClientMetadata {
    const result = clientMetadataSchema.safeParse({
      ...input,
      token_endpoint_auth_method: input.token_endpoint_auth_method ?? defaultMethod,
    })
    if (!result.success) {
      const issue = result.error.issues[0]
      const field = issue?.path.map(String).join('.') ?? ''
      throw invalidMetadata(
        field === '' ? (issue?.message ?? 'invalid') : `${field} ${issue?.message ?? 'is invalid'}`,
      )
    }
    const metadata = result.data
    if (metadata.redirect_uris.length > maxRedirectUris) {
      throw new OAuthError(
        'invalid_redirect_uri',
        `at most ${maxRedirectUris} redirect_uris may be registered`,
      )
    }
    for (const uri of metadata.redirect_uris) redirectUris.checkRegistration(uri)
    return { ...metadata, redirect_uris: [...new Set(metadata.redirect_uris)] }
  }

  const parseRegistration = (raw: unknown): ClientMetadata => {
    const input = asObject(raw)
    const named = SERVER_ASSIGNED.find((field) => Object.hasOwn(input, field))
    if (named !== undefined)
      throw invalidMetadata(`${named} is assigned by the server and cannot be registered`)
    // RFC 7591 §2: client_secret_basic when the method is omitted.
    return parse(input, 'client_secret_basic')
  }

  const parseDocument = (raw: unknown): ClientMetadata => {
    const input = asObject(raw)
    const named = DOCUMENT_FORBIDDEN.find((field) => Object.hasOwn(input, field))
    if (named !== undefined) throw invalidMetadata(`${named} must not appear in a client metadata document`)
    const metadata = parse(input, 'none')
    if (metadata.token_endpoint_auth_method !== 'none') {
      throw invalidMetadata('a client metadata document must use token_endpoint_auth_method none')
    }
    return metadata
  }

  const validating =
    (fn: (raw: unknown) => ClientMetadata) =>
    (raw: unknown): MetadataValidation => {
      try {
        return { ok: true, metadata: fn(raw) }
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error
        const code =
          error.error === 'invalid_redirect_uri' ? 'invalid_redirect_uri' : 'invalid_client_metadata'
        return { ok: false, error: code, description: error.description }
      }
    }

  return {
    parseRegistration,
    parseDocument,
    validateRegistration: validating(parseRegistration),
    validateDocument: validating(parseDocument),
  }
}
