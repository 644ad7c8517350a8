// The auth service's domain metrics: grants, tokens, refresh token reuse, revocations, Entra
// refreshes and token exchanges. Each is counted where the event happens (the route or the token
// module) through this narrow port; labels are bounded enums, never a user, client or token.
import { counter, type Registry } from '@m365mcp/metrics'
import type { OAuthErrorCode } from '../oauth/errors.js'

export type IssuedGrantType = 'authorization_code' | 'refresh_token'

/**
 * Why a grant ended: the user's client revoked it (RFC 7009), a used authorization code or a
 * rotated refresh token came back (theft signal), or Entra refused its refresh token.
 */
export type GrantRevokedReason = 'client_revoked' | 'code_reused' | 'refresh_token_reused' | 'entra_revoked'

/** How a refresh of a grant's Entra tokens ended. */
export type EntraRefreshOutcome = 'success' | 'revoked' | 'transient_error' | 'error'

/** `ok`, or the OAuth error code the tools service got (`server_error` for anything unexpected). */
export type TokenExchangeOutcome = 'ok' | OAuthErrorCode

/** The endpoint a failed-grant limit refused, and which limit (ATTACKS D35). */
export type FailedGrantEndpoint = 'token' | 'revoke'
export type FailedGrantLimitScope = 'client' | 'source'

export interface AuthMetrics {
  grantCreated(): void
  tokenIssued(grantType: IssuedGrantType): void
  refreshTokenReuseDetected(): void
  grantRevoked(reason: GrantRevokedReason): void
  entraRefresh(outcome: EntraRefreshOutcome): void
  tokenExchange(outcome: TokenExchangeOutcome): void
  failedGrantLimited(endpoint: FailedGrantEndpoint, scope: FailedGrantLimitScope): void
}

export interface AuthMetricsWithRegistry extends AuthMetrics {
  readonly registry: Registry
}

export function createAuthMetrics(registry: Registry): AuthMetricsWithRegistry {
  const grants = counter(registry, {
    name: 'm365mcp_grants_created_total',
    help: 'Grants created: a user signed in with Entra and consented for a client.',
  })
  const tokens = counter(registry, {
    name: 'm365mcp_tokens_issued_total',
    help: 'Token responses of /token, by grant type (authorization_code, refresh_token).',
    labelNames: ['grant_type'] as const,
  })
  const reuse = counter(registry, {
    name: 'm365mcp_refresh_token_reuse_detected_total',
    help: 'Rotated refresh tokens presented again outside the grace window (the grant is revoked).',
  })
  const revoked = counter(registry, {
    name: 'm365mcp_grants_revoked_total',
    help: 'Grants revoked, by reason (client_revoked, code_reused, refresh_token_reused, entra_revoked).',
    labelNames: ['reason'] as const,
  })
  const refreshes = counter(registry, {
    name: 'm365mcp_entra_refreshes_total',
    help: 'Refreshes of Entra tokens, by outcome (success, revoked, transient_error, error).',
    labelNames: ['outcome'] as const,
  })
  const exchanges = counter(registry, {
    name: 'm365mcp_token_exchanges_total',
    help: 'Token exchanges for the tools service, by outcome (ok or the OAuth error code).',
    labelNames: ['outcome'] as const,
  })
  const limited = counter(registry, {
    name: 'm365mcp_failed_grant_limited_total',
    help: 'Requests to /token or /revoke refused (429) by the failed-grant limits, by endpoint (token, revoke) and scope (client, source).',
    labelNames: ['endpoint', 'scope'] as const,
  })
  return {
    registry,
    grantCreated: () => grants.inc(),
    tokenIssued: (grantType) => tokens.inc({ grant_type: grantType }),
    refreshTokenReuseDetected: () => reuse.inc(),
    grantRevoked: (reason) => revoked.inc({ reason }),
    entraRefresh: (outcome) => refreshes.inc({ outcome }),
    tokenExchange: (outcome) => exchanges.inc({ outcome }),
    failedGrantLimited: (endpoint, scope) => limited.inc({ endpoint, scope }),
  }
}

/** For the token modules built without metrics (their unit tests). */
export const noAuthMetrics: AuthMetrics = {
  grantCreated: () => undefined,
  tokenIssued: () => undefined,
  refreshTokenReuseDetected: () => undefined,
  grantRevoked: () => undefined,
  entraRefresh: () => undefined,
  tokenExchange: () => undefined,
  failedGrantLimited: () => undefined,
}
