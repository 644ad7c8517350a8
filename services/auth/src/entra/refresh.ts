// Refreshing the Graph access token (RFC 6749 §6). Entra wants `scope` on every refresh (v2
// endpoint) and rotates the refresh token each time; a dead refresh token (invalid_grant,
// interaction_required, consent_required) becomes `reauth_required` so the caller revokes the grant,
// while throttling and outages are retried here with backoff before surfacing as `transient`.
// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token
import type { Logger } from '@m365mcp/logger'
import * as oidc from 'openid-client'
import { classifyEntraError } from './classify-error.js'
import { EntraError } from './errors.js'
import { withRetry } from './retry.js'
import type { RetryPolicy } from './retry.js'
import { toEntraTokens } from './tokens.js'
import type { EntraTokens } from './tokens.js'

export interface RefreshDeps {
  configuration: () => Promise<oidc.Configuration>
  now: () => number
  retry: RetryPolicy
  logger: Logger
}

const MAX_REFRESH_TOKEN_LENGTH = 16 * 1024

export async function refreshTokens(
  deps: RefreshDeps,
  refreshToken: string,
  scope: string,
): Promise<EntraTokens> {
  if (
    typeof refreshToken !== 'string' ||
    refreshToken.length === 0 ||
    refreshToken.length > MAX_REFRESH_TOKEN_LENGTH
  ) {
    throw new TypeError('refreshToken must be a non-empty string')
  }
  return withRetry(
    async () => {
      const config = await deps.configuration()
      try {
        const response = await oidc.refreshTokenGrant(config, refreshToken, { scope })
        return toEntraTokens(response, deps.now(), scope, refreshToken)
      } catch (err) {
        throw classifyEntraError(err, 'refresh', deps.now())
      }
    },
    (err) =>
      err instanceof EntraError && err.code === 'transient'
        ? { retry: true, ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }) }
        : { retry: false },
    deps.retry,
    (attempt, delayMs, err) =>
      deps.logger.warn(
        { attempt, delayMs, upstream: err instanceof EntraError ? err.upstream : undefined },
        'entra refresh failed transiently, retrying',
      ),
  )
}
