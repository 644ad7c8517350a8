// The failed-grant limits (tokens/failed-grant-limits.ts, ATTACKS D35) around the work of /token
// and /revoke: checked first, so a limited caller costs one read per counter and nothing else;
// afterwards a counted failure (invalid_grant, invalid_client) is recorded and rethrown unchanged.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AuthMetrics, FailedGrantEndpoint } from '../metrics/auth-metrics.js'
import type { OAuthParams } from '../oauth/params.js'
import {
  failedGrantLimited,
  isCountedFailure,
  type FailedGrantLimits,
  type FailedGrantSubject,
} from '../tokens/failed-grant-limits.js'
import { readClientCredentials } from './client-credentials.js'

export interface FailedGrantGuardDeps {
  failedGrantLimits: FailedGrantLimits
  metrics: Pick<AuthMetrics, 'failedGrantLimited'>
}

/** The client_id a request presents (Basic or form), or undefined when its credentials are malformed. */
function presentedClientId(request: FastifyRequest, params: OAuthParams): string | undefined {
  try {
    return readClientCredentials(request.headers.authorization, params).clientId
  } catch {
    return undefined
  }
}

export async function guardFailedGrants(
  deps: FailedGrantGuardDeps,
  endpoint: FailedGrantEndpoint,
  request: FastifyRequest,
  reply: FastifyReply,
  params: OAuthParams,
  work: () => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const subject: FailedGrantSubject = { clientId: presentedClientId(request, params), ip: request.ip }
  const decision = await deps.failedGrantLimits.check(subject)
  if (!decision.allowed) {
    deps.metrics.failedGrantLimited(endpoint, decision.scope)
    request.log.info(
      { scope: decision.scope, retryAfterSeconds: decision.retryAfterSeconds },
      'request refused: too many failed grants',
    )
    return reply
      .code(429)
      .headers({
        'retry-after': String(decision.retryAfterSeconds),
        'cache-control': 'no-store',
        pragma: 'no-cache',
      })
      .send(failedGrantLimited().toJSON())
  }
  try {
    return await work()
  } catch (error) {
    if (isCountedFailure(error)) {
      // The caller gets the failure it caused either way; a counter the store failed to write is
      // logged, not turned into a 503 hiding that failure.
      await deps.failedGrantLimits
        .recordFailure(subject)
        .catch((err: unknown) => request.log.warn({ err }, 'failed grant not counted'))
    }
    throw error
  }
}
