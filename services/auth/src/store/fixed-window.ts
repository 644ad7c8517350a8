// Fixed-window counters in the store: the one limiter of the auth service, shared by the DCR
// registration limits (clients/registration-limits.ts, ATTACKS E38) and the failed-grant limits
// of /token and /revoke (tokens/failed-grant-limits.ts, ATTACKS D35). A window is
// floor(now / windowMs); its counter lives under a key naming that window, created with a TTL of
// one window so an idle counter disappears by itself. Fixed windows let a caller reach up to twice
// the limit across a window boundary; that is the accepted price of one counter per window.
import type { Store } from '@m365mcp/store'

export interface WindowLimit {
  /** Events allowed per window; 0 disables the limit (nothing is counted or refused). */
  readonly limit: number
  readonly windowMs: number
}

/** The key of one counter in window number `window`. */
export type WindowKey = (window: number) => string

export interface FixedWindow {
  /**
   * Counts one event and says whether it stayed within the limit: null if so, otherwise the whole
   * seconds (at least 1) until the window ends. Atomic across replicas (one INCR).
   */
  hit(key: WindowKey): Promise<number | null>
  /** Counts one event without deciding anything (an outcome recorded after the fact). */
  add(key: WindowKey): Promise<void>
  /**
   * Reads the counter without counting: null while fewer than `limit` events were counted in this
   * window, otherwise the seconds until it ends. One GET, no write: what a refused flood costs.
   */
  exhausted(key: WindowKey): Promise<number | null>
}

export function createFixedWindow(
  store: Store,
  now: () => number,
  { limit, windowMs }: WindowLimit,
): FixedWindow {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new TypeError('fixed window: limit must be ≥ 0')
  if (!Number.isSafeInteger(windowMs) || windowMs < 1) throw new TypeError('fixed window: windowMs ≥ 1')
  const current = () => {
    const at = now()
    const window = Math.floor(at / windowMs)
    return { window, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - at) / 1000)) }
  }
  return {
    async hit(key) {
      if (limit === 0) return null
      const { window, retryAfterSeconds } = current()
      const count = await store.incr(key(window), { ttlMs: windowMs })
      return count <= limit ? null : retryAfterSeconds
    },
    async add(key) {
      if (limit === 0) return
      await store.incr(key(current().window), { ttlMs: windowMs })
    },
    async exhausted(key) {
      if (limit === 0) return null
      const { window, retryAfterSeconds } = current()
      const count = Number((await store.get(key(window))) ?? 0)
      return count < limit ? null : retryAfterSeconds
    },
  }
}
