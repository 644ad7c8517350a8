// Per-user and per-client request limits, shared by every gateway replica through the store: a
// fixed one-minute window per subject, counted with the store's atomic INCR (the TTL is set when
// the window's counter is created, so no key outlives two windows). A fixed window lets a subject
// burst up to twice its limit across a window boundary; that is the price of one round trip per
// subject and an exact `Retry-After` (the end of the window). The user is checked first; a request
// refused for its user is not counted against its client, so one noisy user cannot spend a whole
// client's budget beyond its own limit.
//
// Store down or slower than `timeoutMs`: the request is let through (fail open) and a warning is
// logged. The limit protects fairness and upstream capacity, which the tools service and Graph's
// own throttling (429 + Retry-After) also guard; failing closed would turn a Redis outage into an
// outage of every MCP endpoint, which otherwise need no Redis at all (tools on /mcp are stateless).
import type { Store } from '@m365mcp/store'
import type { Logger } from 'pino'
import type { GatewayKeys, RateLimitScope } from '../keys.js'

export const WINDOW_MS = 60_000

export interface RateLimitSubject {
  readonly sub: string
  readonly clientId: string
}

export type RateLimitDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false
      readonly scope: RateLimitScope
      readonly limit: number
      /** Whole seconds until the window resets (RFC 9110 §10.2.3), at least 1. */
      readonly retryAfterSeconds: number
    }

export interface RateLimiter {
  /** Counts one request of `subject` and says whether it may proceed. */
  check(subject: RateLimitSubject): Promise<RateLimitDecision>
}

export interface RateLimiterOptions {
  store: Store
  keys: GatewayKeys
  now: () => number
  /** Requests per user per window; 0 disables. */
  userLimit: number
  /** Requests per client per window; 0 disables. */
  clientLimit: number
  timeoutMs: number
  logger: Pick<Logger, 'warn'>
}

// While the store fails, one warning per this interval (with a count), not one per request.
const WARN_EVERY_MS = 10_000

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { store, keys, now } = options
  let lastWarnAt = Number.NEGATIVE_INFINITY
  let unlimited = 0

  function failOpen(error: unknown): RateLimitDecision {
    unlimited++
    const at = now()
    if (at - lastWarnAt >= WARN_EVERY_MS) {
      options.logger.warn(
        { err: error, requestsLetThrough: unlimited },
        'rate-limit store unavailable: requests pass unlimited (fail open)',
      )
      lastWarnAt = at
      unlimited = 0
    }
    return { allowed: true }
  }

  async function count(scope: RateLimitScope, subject: string, limit: number, at: number) {
    if (limit === 0) return null
    const window = Math.floor(at / WINDOW_MS)
    const used = await store.incr(keys.rateLimit(scope, subject, window), { ttlMs: WINDOW_MS })
    if (used <= limit) return null
    const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - at) / 1000))
    return { allowed: false as const, scope, limit, retryAfterSeconds }
  }

  async function decide(subject: RateLimitSubject): Promise<RateLimitDecision> {
    const at = now()
    const user = await count('user', subject.sub, options.userLimit, at)
    if (user) return user
    return (await count('client', subject.clientId, options.clientLimit, at)) ?? { allowed: true }
  }

  return {
    async check(subject) {
      if (options.userLimit === 0 && options.clientLimit === 0) return { allowed: true }
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer from the store within ${options.timeoutMs} ms`)),
          options.timeoutMs,
        )
      })
      try {
        return await Promise.race([decide(subject), timeout])
      } catch (error) {
        return failOpen(error)
      } finally {
        clearTimeout(timer)
      }
    },
  }
}
