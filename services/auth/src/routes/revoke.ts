// RFC 7009 token revocation. The client authenticates as at the token endpoint; a refresh token
// revokes its whole grant (§2.1: "SHOULD also invalidate all access tokens based on the same
// authorization grant"); an access token of ours revokes its grant when it belongs to the client.
// Unknown or foreign tokens are answered 200 as well (§2.2), so the endpoint is no token oracle.
// Failed client authentications share the failed-grant limits of /token (ATTACKS D35).
import { noAuditLog } from '@m365mcp/audit'
import type { FastifyInstance } from 'fastify'
import { revokeAudited, type AuthAudit } from '../audit/grant-audit.js'
import type { ClientRegistry } from '../clients/client-registry.js'
import { readClientCredentials } from '../http/client-credentials.js'
import { guardFailedGrants, type FailedGrantGuardDeps } from '../http/failed-grant-guard.js'
import { OAuthError } from '../oauth/errors.js'
import { readOAuthParams } from '../oauth/params.js'
import type { AuthMetrics } from '../metrics/auth-metrics.js'
import type { GrantStore } from '../tokens/grant-store.js'
import type { RefreshTokens } from '../tokens/refresh-token.js'
import type { AccessTokenVerifier } from '../tokens/verify-access-token.js'

export interface RevokeRouteDeps {
  clients: Pick<ClientRegistry, 'authenticateClient'>
  refreshTokens: Pick<RefreshTokens, 'revoke'>
  grants: Pick<GrantStore, 'get' | 'revoke'>
  verifier: AccessTokenVerifier
  resources: readonly string[]
  metrics: Pick<AuthMetrics, 'grantRevoked' | 'failedGrantLimited'>
  failedGrantLimits: FailedGrantGuardDeps['failedGrantLimits']
  /** Records revocations (audit log); none when absent. */
  audit?: AuthAudit
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export function revokeRoutes(app: FastifyInstance, deps: RevokeRouteDeps): void {
  const audit = deps.audit ?? noAuditLog
  async function revokeAccessToken(token: string, clientId: string): Promise<void> {
    for (const audience of deps.resources) {
      const claims = await deps.verifier.verify(token, { audience }).catch(() => undefined)
      if (!claims) continue
      const grant = await deps.grants.get(claims.gid)
      if (
        grant &&
        grant.clientId === clientId &&
        (await revokeAudited(deps.grants, audit, grant.id, 'client_revoked', grant))
      )
        deps.metrics.grantRevoked('client_revoked')
      return
    }
  }

  app.post('/revoke', async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const params = readOAuthParams((request.body ?? {}) as Record<string, unknown>)
    return guardFailedGrants(deps, 'revoke', request, reply, params, async () => {
      const presented = readClientCredentials(request.headers.authorization, params)
      const client = await deps.clients.authenticateClient(presented.clientId, presented)
      const token = params.get('token')
      if (token === undefined) throw new OAuthError('invalid_request', 'token is required')
      const hint = params.get('token_type_hint')
      if (hint !== undefined && hint !== 'access_token' && hint !== 'refresh_token') {
        throw new OAuthError(
          'unsupported_token_type',
          'token_type_hint must be access_token or refresh_token',
        )
      }
      if (JWT_SHAPE.test(token)) await revokeAccessToken(token, client.clientId)
      else
        await deps.refreshTokens.revoke({ refreshToken: token, clientId: client.clientId }).catch(() => false)
      return reply.code(200).send()
    })
  })
}
