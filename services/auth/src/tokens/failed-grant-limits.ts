// Limits of failed grants at the token and revocation endpoints (ATTACKS D35): failures are
// counted per presented client_id and per source (request.ip after TRUST_PROXY, IPv6 by /64) in
// fixed windows (store/fixed-window.ts, the limiter DCR uses too). Only failures count, never a
// success: an invalid_grant (unknown, expired or replayed code or refresh token, wrong PKCE
// verifier, redirect_uri or client mismatch) and an invalid_client (unknown client, bad secret,
// malformed credentials). Once a client_id or a source reached its limit, every request naming that
// client_id or coming from that source is refused for the rest of the window, before any other
// work: the check is one GET per counter, a refused request counts nothing.
//
// A valid grant is refused too while its key is limited. Exempting it would need the very
// validation the limit exists to withhold: an attacker's correct guess would then still succeed,
// and the limit would stop nothing. A legitimate client is locked out only by failures naming its
// own client_id (beyond the per-source limit of its own address): the per-client limit is set well
// above the per-source one, so one source never reaches it alone, and a client_id shared by many
// users (a CIMD URL) has room for their own expired-grant failures.
import type { Store } from '@m365mcp/store'
import type { FailedGrantLimitScope } from '../metrics/auth-metrics.js'
import { sourceBucket } from '../net/source-bucket.js'
import { OAuthError } from '../oauth/errors.js'
import { createFixedWindow } from '../store/fixed-window.js'
import type { Keys } from '../store/keys.js'
import { TokenGrantError } from './token-grant-error.js'

export interface FailedGrantLimitsOptions {
  readonly store: Store
  readonly keys: Pick<Keys, 'grantFailuresByClient' | 'grantFailuresBySource'>
  readonly now: () => number
  /** Failures allowed per client_id per window; 0: no per-client limit. */
  readonly perClient: number
  /** Failures allowed per source (IPv4 address, IPv6 /64) per window; 0: no per-source limit. */
  readonly perSource: number
  readonly windowMs: number
}

/** Who a request at /token or /revoke is counted against. */
export interface FailedGrantSubject {
  /** The client_id the request presented, when it could be read; absent: counted per source only. */
  readonly clientId: string | undefined
  /** request.ip */
  readonly ip: string
}

export type FailedGrantDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly scope: FailedGrantLimitScope; readonly retryAfterSeconds: number }

export interface FailedGrantLimits {
  /** Whether the subject may be served now; reads the counters, counts nothing. */
  check(subject: FailedGrantSubject): Promise<FailedGrantDecision>
  /** Counts one failed grant or client authentication against the client_id and the source. */
  recordFailure(subject: FailedGrantSubject): Promise<void>
}

/** Whether an error thrown while serving /token or /revoke is a failure the limits count. */
export function isCountedFailure(error: unknown): boolean {
  if (error instanceof TokenGrantError) return error.error === 'invalid_grant'
  if (error instanceof OAuthError) return error.error === 'invalid_grant' || error.error === 'invalid_client'
  return false
}

/**
 * The refusal of a limited request: 429 `temporarily_unavailable`, and the route adds Retry-After
 * and Cache-Control: no-store. RFC 6749 §5.2 defines no code for this, so the choice is about what
 * clients do with it. `invalid_grant` or `invalid_client` would be wrong and harmful: the MCP SDK's
 * auth() (and most clients) then discard their refresh token or registration, turning a wait into a
 * new sign-in. `invalid_request` says the request is malformed, which nothing retries. `slow_down`
 * is the device-flow polling code (RFC 8628 §3.5), meaningless for these grants.
 * `temporarily_unavailable` (RFC 6749 §4.1.2.1) is what this service already answers at /token
 * when its store is down, what Box answers on its token endpoint's 429, and what the MCP SDK
 * surfaces as a plain error keeping the client's tokens; with 429 and Retry-After any HTTP client
 * knows when to come back.
 */
export const failedGrantLimited = (): OAuthError =>
  new OAuthError('temporarily_unavailable', 'too many failed requests; retry after the Retry-After delay', {
    status: 429,
  })

export function createFailedGrantLimits(options: FailedGrantLimitsOptions): FailedGrantLimits {
  const { store, keys, now, windowMs } = options
  const perClient = createFixedWindow(store, now, { limit: options.perClient, windowMs })
  const perSource = createFixedWindow(store, now, { limit: options.perSource, windowMs })
  const clientKey = (clientId: string) => (w: number) => keys.grantFailuresByClient(clientId, w)
  const sourceKey = (ip: string) => {
    const bucket = sourceBucket(ip)
    return (w: number) => keys.grantFailuresBySource(bucket, w)
  }

  return {
    async check({ clientId, ip }) {
      const [source, client] = await Promise.all([
        perSource.exhausted(sourceKey(ip)),
        clientId === undefined ? null : perClient.exhausted(clientKey(clientId)),
      ])
      if (source === null && client === null) return { allowed: true }
      // Both limited: refused until both windows end; the caller's own address is named first.
      return {
        allowed: false,
        scope: source !== null ? 'source' : 'client',
        retryAfterSeconds: Math.max(source ?? 0, client ?? 0),
      }
    },
    async recordFailure({ clientId, ip }) {
      await Promise.all([
        perSource.add(sourceKey(ip)),
        clientId === undefined ? undefined : perClient.add(clientKey(clientId)),
      ])
    },
  }
}
