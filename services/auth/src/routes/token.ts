// The token endpoint (RFC 6749 §3.2, OAuth 2.1 §3.2): client authentication first, then the
// authorization_code grant (PKCE, single-use code bound to client and redirect_uri) or the
// refresh_token grant (rotation on every use). Every answer carries Cache-Control: no-store (§5.1).
// Failed grants are limited per client_id and per source (ATTACKS D35, http/failed-grant-guard.ts):
// a limited caller gets 429 before any client authentication or grant lookup.
import { noAuditLog } from '@m365mcp/audit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { grantFields, type AuthAudit } from '../audit/grant-audit.js'
import type { ClientRegistry } from '../clients/client-registry.js'
import { readClientCredentials } from '../http/client-credentials.js'
import { guardFailedGrants, type FailedGrantGuardDeps } from '../http/failed-grant-guard.js'
import { OAuthError } from '../oauth/errors.js'
import { readOAuthParams, type OAuthParams } from '../oauth/params.js'
import type { AuthMetrics } from '../metrics/auth-metrics.js'
import type { AccessTokenIssuer } from '../tokens/access-token.js'
import type { AuthorizationCodes } from '../tokens/authorization-code.js'
import type { Grant } from '../tokens/grant.js'
import { grantAccessTokenClaims } from '../tokens/grant-claims.js'
import type { RefreshTokens } from '../tokens/refresh-token.js'

export interface TokenRouteDeps {
  clients: Pick<ClientRegistry, 'authenticateClient'>
  codes: Pick<AuthorizationCodes, 'redeem'>
  refreshTokens: Pick<RefreshTokens, 'issue' | 'rotate'>
  accessTokens: AccessTokenIssuer
  metrics: Pick<AuthMetrics, 'tokenIssued' | 'failedGrantLimited'>
  failedGrantLimits: FailedGrantGuardDeps['failedGrantLimits']
  /** Records refreshes (audit log); none when absent. */
  audit?: AuthAudit
}

export function tokenRoutes(app: FastifyInstance, deps: TokenRouteDeps): void {
  const audit = deps.audit ?? noAuditLog
  async function tokenResponse(
    grant: Grant,
    clientId: string,
    scope: string,
    resource: string,
    refreshToken: string,
  ) {
    const access = await deps.accessTokens.mint({
      sub: grant.sub,
      clientId,
      scope,
      resource,
      grantId: grant.id,
      extra: grantAccessTokenClaims(grant),
    })
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      refresh_token: refreshToken,
      scope,
    }
  }

  /** Client authentication and the grant; failures propagate to the guard and the error handler. */
  async function serveGrant(request: FastifyRequest, reply: FastifyReply, params: OAuthParams) {
    const presented = readClientCredentials(request.headers.authorization, params)
    const client = await deps.clients.authenticateClient(presented.clientId, presented)
    const grantType = params.get('grant_type')

    if (grantType === 'authorization_code') {
      const code = params.get('code')
      if (code === undefined) throw new OAuthError('invalid_request', 'code is required')
      const { record, grant } = await deps.codes.redeem({
        code,
        clientId: client.clientId,
        redirectUri: params.get('redirect_uri'),
        codeVerifier: params.get('code_verifier'),
      })
      const resource = params.get('resource')
      if (resource !== undefined && resource !== record.resource) {
        throw new OAuthError('invalid_target', 'resource differs from the authorization request')
      }
      const { refreshToken } = await deps.refreshTokens.issue(grant)
      const body = await tokenResponse(grant, client.clientId, record.scope, record.resource, refreshToken)
      deps.metrics.tokenIssued('authorization_code')
      return reply.send(body)
    }

    if (grantType === 'refresh_token') {
      const presentedToken = params.get('refresh_token')
      if (presentedToken === undefined) throw new OAuthError('invalid_request', 'refresh_token is required')
      const rotated = await deps.refreshTokens.rotate({
        refreshToken: presentedToken,
        clientId: client.clientId,
        scope: params.get('scope'),
        resource: params.get('resource'),
      })
      const body = await tokenResponse(
        rotated.grant,
        client.clientId,
        rotated.scope,
        rotated.grant.resource,
        rotated.refreshToken,
      )
      deps.metrics.tokenIssued('refresh_token')
      audit.record({ kind: 'grant_refreshed', ...grantFields(rotated.grant), outcome: 'ok' })
      return reply.send(body)
    }

    if (grantType === undefined) throw new OAuthError('invalid_request', 'grant_type is required')
    throw new OAuthError('unsupported_grant_type', 'only authorization_code and refresh_token are supported')
  }

  app.post('/token', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
    const params = readOAuthParams((request.body ?? {}) as Record<string, unknown>)
    return guardFailedGrants(deps, 'token', request, reply, params, () => serveGrant(request, reply, params))
  })
}
