// Injected Graph failures (see ../faults/registry.ts), answered exactly as Graph answers them:
// throttling is 429 TooManyRequests and an outage 503 serviceNotAvailable, both with Retry-After in
// seconds, possibly fractional (https://learn.microsoft.com/graph/throttling); an expired token is the
// 401 Graph gives for a lapsed access token; access_denied is the 403 of the route's workload, as
// Graph answers when a permission the token claims was withdrawn (consent revoked by an admin).
import type { FaultRule } from '../faults/registry.js'
import type { GraphTokenVerifier } from './auth.js'
import { accessDenied, GraphError, type GraphWorkload } from './errors.js'

export function faultError(
  rule: FaultRule,
  verifier: GraphTokenVerifier,
  workload: GraphWorkload,
): GraphError | undefined {
  const retryAfter = String(rule.retryAfter ?? 1)
  switch (rule.kind) {
    case 'throttle':
      return new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
        'retry-after': retryAfter,
      })
    case 'unavailable':
      return new GraphError(
        503,
        'serviceNotAvailable',
        'The service is temporarily unavailable for maintenance or is overloaded. You may repeat the request after a delay, which may be specified in a Retry-After header.',
        { 'retry-after': retryAfter },
      )
    case 'expired_token':
      return verifier.unauthorized('Lifetime validation failed, the token is expired.')
    case 'access_denied':
      return accessDenied(workload)
    default:
      // Token-endpoint kinds (invalid_grant, consent_required, …) have no Graph meaning.
      return undefined
  }
}
