// The internal token exchange (shape of RFC 8693): the tools service presents a user's access
// token of ours and receives the Microsoft Graph access token of that grant. Served only on the
// internal listener, authenticated by the service-to-service secret; never routed by the gateway.
import { timingSafeEqualString } from '@m365mcp/crypto'
import type { FastifyInstance } from 'fastify'
import { noAuthMetrics, type AuthMetrics } from '../metrics/auth-metrics.js'
import { OAuthError } from '../oauth/errors.js'
import { readOAuthParams } from '../oauth/params.js'
import type { GrantStore } from '../tokens/grant-store.js'
import type { AccessTokenClaims } from '../tokens/access-token-claims.js'
import type { AccessTokenVerifier } from '../tokens/verify-access-token.js'
import type { GraphTokenSource } from './graph-token-source.js'

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'

export interface TokenExchangeDeps {
  internalSecret: string
  verifier: AccessTokenVerifier
  resources: readonly string[]
  grants: Pick<GrantStore, 'get'>
  graphTokens: GraphTokenSource
  now?: () => number
  metrics?: Pick<AuthMetrics, 'tokenExchange'>
}

export function tokenExchangeRoutes(app: FastifyInstance, deps: TokenExchangeDeps): void {
  const now = deps.now ?? Date.now
  const metrics = deps.metrics ?? noAuthMetrics

  async function verifyAny(token: string): Promise<AccessTokenClaims> {
    let last: unknown
    for (const audience of deps.resources) {
      try {
        return await deps.verifier.verify(token, { audience })
      } catch (error) {
        last = error
      }
    }
    throw new OAuthError('invalid_token', 'the subject token is invalid', { cause: last })
  }

  // Failures are counted by their OAuth error code as they reach the error handler.
  const onError = (_request: unknown, _reply: unknown, error: Error, done: () => void) => {
    metrics.tokenExchange(error instanceof OAuthError ? error.error : 'server_error')
    done()
  }
  app.post('/internal/token-exchange', { onError }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const auth = request.headers.authorization ?? ''
    const presented = auth.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : ''
    if (!timingSafeEqualString(presented, deps.internalSecret)) {
      throw new OAuthError('invalid_client', 'service credential missing or wrong')
    }
    const params = readOAuthParams((request.body ?? {}) as Record<string, unknown>)
    if (params.get('grant_type') !== TOKEN_EXCHANGE_GRANT) {
      throw new OAuthError('unsupported_grant_type', `grant_type must be ${TOKEN_EXCHANGE_GRANT}`)
    }
    const subjectToken = params.get('subject_token')
    if (subjectToken === undefined || params.get('subject_token_type') !== ACCESS_TOKEN_TYPE) {
      throw new OAuthError('invalid_request', 'subject_token of type access_token is required')
    }
    const claims = await verifyAny(subjectToken)
    const grant = await deps.grants.get(claims.gid)
    if (!grant || grant.sub !== claims.sub || grant.clientId !== claims.client_id) {
      throw new OAuthError('invalid_token', 'the grant was revoked; sign in again')
    }
    const graph = await deps.graphTokens.graphToken(grant)
    metrics.tokenExchange('ok')
    return reply.send({
      access_token: graph.accessToken,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: Math.max(0, Math.floor((graph.expiresAt - now()) / 1000)),
      scope: graph.scope,
      grant_id: grant.id,
      sub: grant.sub,
    })
  })
}
