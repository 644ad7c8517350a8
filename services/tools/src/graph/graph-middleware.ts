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
): Middleware[] {
  const retryOptions = new RetryHandlerOptions(
    policy.defaultDelaySeconds,
    policy.maxRetries,
    (_delay, _attempt, _request, _options, response) => {
      const wait = parseRetryAfter(response.headers.get('retry-after'), now())
      return wait === undefined || wait <= policy.maxRetryDelaySeconds
    },
  )
  return [
    new AuthenticationHandler(authProvider),
    new RetryHandler(retryOptions),
    new RedirectHandler(),
    new TelemetryHandler(),
    new HTTPMessageHandler(),
  ]
}
