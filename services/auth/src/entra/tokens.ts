// Entra's token response reduced to what we keep (encrypted) with the grant. Entra v2 always
// returns `scope` (the granted Graph permissions) and, with offline_access, a refresh token.
import type { TokenEndpointResponse } from 'openid-client'
import { EntraError } from './errors.js'

export interface EntraTokens {
  /** Graph access token. */
  accessToken: string
  refreshToken: string
  /** Epoch ms, from `expires_in` and the injected clock. */
  expiresAt: number
  /** Granted scopes, space separated, as Entra reports them. */
  scope: string
}

/** Without `expires_in` we assume Entra's shortest access token lifetime. */
const FALLBACK_LIFETIME_S = 60 * 60

export function toEntraTokens(
  response: TokenEndpointResponse,
  now: number,
  requestedScope: string,
  previousRefreshToken?: string,
): EntraTokens {
  // Entra rotates refresh tokens on every use; should a response omit it, the old one stays valid.
  const refreshToken = response.refresh_token ?? previousRefreshToken
  if (!refreshToken) {
    throw new EntraError(
      'missing_refresh_token',
      'Entra returned no refresh token (offline_access not granted?)',
    )
  }
  const lifetime =
    typeof response.expires_in === 'number' && response.expires_in > 0
      ? response.expires_in
      : FALLBACK_LIFETIME_S
  return {
    accessToken: response.access_token,
    refreshToken,
    expiresAt: now + lifetime * 1000,
    scope: typeof response.scope === 'string' && response.scope.length > 0 ? response.scope : requestedScope,
  }
}
