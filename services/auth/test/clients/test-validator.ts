// A small stand-in for oauth/client-metadata.ts: enough rules to exercise the registry (known
// fields kept, others dropped like a zod object would; RFC 7591 §2 default method).
import type { ClientMetadata, ValidateMetadata } from '../../src/clients/types.js'
import { TOKEN_ENDPOINT_AUTH_METHODS } from '../../src/clients/types.js'

export const testValidator: ValidateMetadata = (raw) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: 'invalid_client_metadata', description: 'metadata must be an object' }
  }
  const input = raw as Record<string, unknown>
  const uris = input.redirect_uris
  if (
    !Array.isArray(uris) ||
    uris.length === 0 ||
    !uris.every((u) => typeof u === 'string' && URL.canParse(u))
  ) {
    return { ok: false, error: 'invalid_redirect_uri', description: 'redirect_uris must be URLs' }
  }
  const method = input.token_endpoint_auth_method ?? 'client_secret_basic'
  if (!TOKEN_ENDPOINT_AUTH_METHODS.some((m) => m === method)) {
    return {
      ok: false,
      error: 'invalid_client_metadata',
      description: 'unsupported token_endpoint_auth_method',
    }
  }
  const metadata: Record<string, unknown> = {
    redirect_uris: uris as string[],
    token_endpoint_auth_method: method,
  }
  for (const field of ['client_name', 'software_id', 'grant_types', 'response_types', 'scope']) {
    if (input[field] !== undefined) metadata[field] = input[field]
  }
  return { ok: true, metadata: metadata as unknown as ClientMetadata }
}
