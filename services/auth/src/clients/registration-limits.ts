// Abuse limits of the open registration endpoint (RFC 7591 §5 leaves DCR open; ATTACKS E38):
// fixed windows counted in the store, per source and globally. A source is an IPv4 address or an
// IPv6 /64 (one customer network, which can rotate addresses within it freely). A request refused
// per source is not counted globally, so one noisy source cannot use up everyone's budget beyond
// its own limit. The route answers a refusal with 429, `Retry-After`, and this decision's error.
// The registration route caps request bodies at REGISTRATION_BODY_LIMIT_BYTES (413 beyond).
import type { Store } from '@m365mcp/store'
import { ipaddr } from '../net/ipaddr.js'
import type { OAuthError } from '../oauth/errors.js'
import { registrationRateLimited } from './client-error.js'
import type { ClientKeys } from './client-keys.js'

export const REGISTRATION_BODY_LIMIT_BYTES = 64 * 1024

export interface WindowLimit {
  readonly limit: number
  readonly windowMs: number
}

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

/** The bucket of a source address: IPv4 as is, IPv6 by /64, unparseable text as one shared bucket. */
export function sourceBucket(ip: string): string {
  if (!ipaddr.isValid(ip)) return 'unknown'
  const parsed = ipaddr.process(ip) // IPv4-mapped IPv6 becomes IPv4
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const bytes = parsed.toByteArray().slice(0, 8).concat([0, 0, 0, 0, 0, 0, 0, 0])
  return `${ipaddr.fromByteArray(bytes).toString()}/64`
}

export function createRegistrationLimits(options: RegistrationLimitsOptions): RegistrationLimits {
  const { store, keys, now } = options
  const perSource = options.perSource ?? { limit: 20, windowMs: 60 * 60 * 1000 }
  const global = options.global ?? { limit: 1000, windowMs: 60 * 60 * 1000 }

  async function over(limit: WindowLimit, key: (window: number) => string): Promise<number | null> {
    const at = now()
    const window = Math.floor(at / limit.windowMs)
    const count = await store.incr(key(window), { ttlMs: limit.windowMs })
    if (count <= limit.limit) return null
    return Math.max(1, Math.ceil(((window + 1) * limit.windowMs - at) / 1000))
  }

  const refuse = (scope: 'source' | 'global', retryAfterSeconds: number): RegistrationDecision => ({
    allowed: false,
    scope,
    retryAfterSeconds,
    error: registrationRateLimited(),
  })

  return {
    async check(ip) {
      const bucket = sourceBucket(ip)
      const sourceRetry = await over(perSource, (w) => keys.registrationsBySource(bucket, w))
      if (sourceRetry !== null) return refuse('source', sourceRetry)
      const globalRetry = await over(global, (w) => keys.registrationsGlobal(w))
      if (globalRetry !== null) return refuse('global', globalRetry)
      return { allowed: true }
    },
  }
}
