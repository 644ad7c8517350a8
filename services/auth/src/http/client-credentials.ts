// Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1, OAuth 2.1 §2.4.1):
// HTTP Basic (client_secret_basic), form fields (client_secret_post), or a public client naming
// itself with client_id (none). A request using two methods at once is refused (§2.3).
import type { ClientCredentials } from '../clients/types.js'
import { OAuthError } from '../oauth/errors.js'
import type { OAuthParams } from '../oauth/params.js'

export interface PresentedClient extends ClientCredentials {
  readonly clientId: string
}

function decodeBasic(header: string): { id: string; secret: string } {
  const encoded = header.slice('basic '.length).trim()
  const decoded = Buffer.from(encoded, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw new OAuthError('invalid_client', 'malformed HTTP Basic client credentials')
  }
  try {
    // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
    const form = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '))
    return { id: form(decoded.slice(0, colon)), secret: form(decoded.slice(colon + 1)) }
  } catch {
    throw new OAuthError('invalid_client', 'malformed HTTP Basic client credentials')
  }
}

export function readClientCredentials(
  authorization: string | undefined,
  params: OAuthParams,
): PresentedClient {
  const bodyId = params.get('client_id')
  const bodySecret = params.get('client_secret')
  if (authorization !== undefined && authorization.toLowerCase().startsWith('basic ')) {
    if (bodySecret !== undefined) {
      throw new OAuthError('invalid_request', 'use one client authentication method, not two')
    }
    const { id, secret } = decodeBasic(authorization)
    if (bodyId !== undefined && bodyId !== id) {
      throw new OAuthError('invalid_client', 'client_id does not match the authenticated client')
    }
    return { clientId: id, method: 'client_secret_basic', secret }
  }
  if (bodyId === undefined) throw new OAuthError('invalid_client', 'client authentication is required')
  if (bodySecret !== undefined) return { clientId: bodyId, method: 'client_secret_post', secret: bodySecret }
  return { clientId: bodyId, method: 'none' }
}
