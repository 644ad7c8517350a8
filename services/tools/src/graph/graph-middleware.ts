// The SDK's own middleware chain (auth → retry → redirect → telemetry → fetch), as
// MiddlewareFactory.getDefaultMiddlewareChain builds it, with the retry policy capped for an
// interactive tool call: at most `maxRetries` retries and never a wait longer than
// `maxRetryDelaySeconds`. When Graph asks for a longer pause we stop and report `throttled` with
// Graph's Retry-After instead of holding the model's request open
// (https://learn.microsoft.com/graph/throttling: honour Retry-After, back off otherwise).
import {
  AuthenticationHandler,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Middleware,
} from '@microsoft/microsoft-graph-client'
import type { GraphMetrics } from '../metrics/tools-metrics.js'
import { metricsMiddleware } from './metrics-middleware.js'
import { requestIdMiddleware } from './request-id-middleware.js'
import { parseRetryAfter } from './retry-after.js'

export interface RetryPolicy {
  /** Retries after the first attempt (429, 503, 504). */
  maxRetries: number
  /** Longest Retry-After honoured, in seconds; a longer one ends the call as throttled. */
  maxRetryDelaySeconds: number
  /** Wait when Graph sends no Retry-After, in seconds (the SDK adds exponential backoff). */
  defaultDelaySeconds: number
}

export function graphMiddleware(
  authProvider: AuthenticationProvider,
  policy: RetryPolicy,
  now: () => number,
  metrics?: GraphMetrics,
  /** Told each Graph response's `request-id` (the audit log of the tool call). */
  onRequestId?: (requestId: string) => void,
): Middleware[] {
  const retryOptions = new RetryHandlerOptions(
    policy.defaultDelaySeconds,
    policy.maxRetries,
    (_delay, _attempt, _request, _options, response) => {
      const wait = parseRetryAfter(response.headers.get('retry-after'), now())
      const retry = wait === undefined || wait <= policy.maxRetryDelaySeconds
      // Asked last by the SDK, after its own conditions: true here means a retry follows.
      if (retry) metrics?.graphRetry()
      return retry
    },
  )
  return [
    new AuthenticationHandler(authProvider),
    new RetryHandler(retryOptions),
    new RedirectHandler(),
    new TelemetryHandler(),
    ...(metrics ? [metricsMiddleware(metrics)] : []),
    ...(onRequestId ? [requestIdMiddleware(onRequestId)] : []),
    new HTTPMessageHandler(),
  ]
}
