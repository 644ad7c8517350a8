// Abuse limits of the open registration endpoint (RFC 7591 §5 leaves DCR open; ATTACKS E38):
// fixed windows counted in the store, per source and globally. A source is an IPv4 address or an
// IPv6 /64 (one customer network, which can rotate addresses within it freely). A request refused
// per source is not counted globally, so one noisy source cannot use up everyone's budget beyond
// its own limit. The route answers a refusal with 429, `Retry-After`, and this decision's error.
// The registration route caps request bodies at REGISTRATION_BODY_LIMIT_BYTES (413 beyond).
import type { Store } from '@m365mcp/store'
import { sourceBucket } from '../net/source-bucket.js'
import type { OAuthError } from '../oauth/errors.js'
import { createFixedWindow, type WindowLimit } from '../store/fixed-window.js'
import { registrationRateLimited } from './client-error.js'
import type { ClientKeys } from './client-keys.js'

export const REGISTRATION_BODY_LIMIT_BYTES = 64 * 1024

export { sourceBucket } from '../net/source-bucket.js'
export type { WindowLimit } from '../store/fixed-window.js'

export interface RegistrationLimitsOptions {
  readonly store: Store
  readonly keys: ClientKeys
  readonly now: () => number
  /** Default 20 registrations per source per hour. */
  readonly perSource?: WindowLimit
  /** Default 1000 registrations per hour in total. */
  readonly global?: WindowLimit
}

export type RegistrationDecision =
  | { readonly allowed: true }
  | {
      readonly allowed: false
      readonly scope: 'source' | 'global'
      readonly retryAfterSeconds: number
      readonly error: OAuthError
    }

export interface RegistrationLimits {
  /** Counts one registration attempt from `ip` and says whether it may proceed. */
  check(ip: string): Promise<RegistrationDecision>
}

export function createRegistrationLimits(options: RegistrationLimitsOptions): RegistrationLimits {
  const { store, keys, now } = options
  const perSource = createFixedWindow(
    store,
    now,
    options.perSource ?? { limit: 20, windowMs: 60 * 60 * 1000 },
  )
  const global = createFixedWindow(store, now, options.global ?? { limit: 1000, windowMs: 60 * 60 * 1000 })

  const refuse = (scope: 'source' | 'global', retryAfterSeconds: number): RegistrationDecision => ({
    allowed: false,
    scope,
    retryAfterSeconds,
    error: registrationRateLimited(),
  })

  return {
    async check(ip) {
      const bucket = sourceBucket(ip)
      const sourceRetry = await perSource.hit((w) => keys.registrationsBySource(bucket, w))
      if (sourceRetry !== null) return refuse('source', sourceRetry)
      const globalRetry = await global.hit((w) => keys.registrationsGlobal(w))
      if (globalRetry !== null) return refuse('global', globalRetry)
      return { allowed: true }
    },
  }
}
