// Gives the Graph access token of a grant, refreshing it with Entra when it is about to expire.
// The refresh runs under a per-grant lock so replicas never refresh the same grant twice (Entra
// rotates the refresh token on each use: two parallel refreshes would store a stale one). Entra's
// re-authentication errors revoke the grant, so the MCP client gets 401 and signs in again.
import type { Store } from '@m365mcp/store'
import { isEntraError, type EntraClient } from '../entra/index.js'
import { noAuditLog } from '@m365mcp/audit'
import { revokeAudited, type AuthAudit } from '../audit/grant-audit.js'
import { noAuthMetrics, type AuthMetrics } from '../metrics/auth-metrics.js'
import { OAuthError } from '../oauth/errors.js'
import type { Keys } from '../store/keys.js'
import type { EntraTokens, Grant } from '../tokens/grant.js'
import type { GrantStore } from '../tokens/grant-store.js'

export interface GraphTokenSourceDeps {
  store: Pick<Store, 'withLock'>
  keys: Pick<Keys, 'entraRefreshLock'>
  grants: Pick<GrantStore, 'get' | 'entraTokens' | 'updateEntraTokens' | 'revoke'>
  entra: Pick<EntraClient, 'refresh'>
  now?: () => number
  /** Refresh when less than this is left (default 2 minutes). */
  refreshMarginMs?: number
  /** Counts Entra refreshes and the revocations they cause (metrics); none by default. */
  metrics?: Pick<AuthMetrics, 'entraRefresh' | 'grantRevoked'>
  /** Records the revocations Entra causes (audit log); none by default. */
  audit?: AuthAudit
}

const LOCK_TTL_MS = 30_000
const LOCK_WAIT_MS = 25_000

export function createGraphTokenSource(deps: GraphTokenSourceDeps) {
  const now = deps.now ?? Date.now
  const metrics = deps.metrics ?? noAuthMetrics
  const audit = deps.audit ?? noAuditLog
  const margin = deps.refreshMarginMs ?? 120_000
  const fresh = (tokens: EntraTokens) => tokens.expiresAt - now() > margin

  async function refreshUnderLock(grantId: string): Promise<EntraTokens> {
    return deps.store.withLock(
      deps.keys.entraRefreshLock(grantId),
      { ttlMs: LOCK_TTL_MS, waitMs: LOCK_WAIT_MS },
      async () => {
        // Another replica may have refreshed while this one waited for the lock.
        const grant = await deps.grants.get(grantId)
        if (!grant) throw revoked()
        const current = deps.grants.entraTokens(grant)
        if (fresh(current)) return current
        try {
          const next = await deps.entra.refresh(current.refreshToken)
          await deps.grants.updateEntraTokens(grantId, next)
          metrics.entraRefresh('success')
          return next
        } catch (error) {
          if (isEntraError(error, 'reauth_required')) {
            metrics.entraRefresh('revoked')
            if (await revokeAudited(deps.grants, audit, grantId, 'entra_revoked', grant))
              metrics.grantRevoked('entra_revoked')
            throw revoked(error)
          }
          if (isEntraError(error, 'transient')) {
            metrics.entraRefresh('transient_error')
            throw new OAuthError(
              'temporarily_unavailable',
              'Microsoft Entra ID is not answering; retry shortly',
              { cause: error },
            )
          }
          metrics.entraRefresh('error')
          throw new OAuthError('server_error', 'refreshing the Microsoft Entra ID token failed', {
            cause: error,
          })
        }
      },
    )
  }

  return {
    async graphToken(grant: Grant): Promise<EntraTokens> {
      const tokens = deps.grants.entraTokens(grant)
      return fresh(tokens) ? tokens : refreshUnderLock(grant.id)
    },
  }
}

function revoked(cause?: unknown): OAuthError {
  return new OAuthError(
    'invalid_token',
    'the grant was revoked; sign in again',
    cause === undefined ? {} : { cause },
  )
}

export type GraphTokenSource = ReturnType<typeof createGraphTokenSource>
