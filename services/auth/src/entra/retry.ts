// Retries of transient upstream failures: at most `attempts` tries, exponential backoff with full
// jitter (delay = random × min(cap, base × 2^n)), and a server's Retry-After honoured (RFC 9110
// §10.2.3) as long as it is within `maxRetryAfterMs`; beyond that we give up rather than hold the
// caller for minutes or retry early against the server's request.

export interface RetryPolicy {
  /** Total tries, including the first. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** Longest Retry-After we wait for. */
  maxRetryAfterMs: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

export interface RetryDecision {
  retry: boolean
  /** The server's requested wait, when it gave one. */
  retryAfterMs?: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 5_000,
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The wait before try number `attempt + 1`, or undefined when we should not retry. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  decision: RetryDecision,
): number | undefined {
  if (!decision.retry || attempt >= policy.attempts) return undefined
  if (decision.retryAfterMs !== undefined) {
    return decision.retryAfterMs <= policy.maxRetryAfterMs ? decision.retryAfterMs : undefined
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.floor((policy.random ?? Math.random)() * ceiling)
}

export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  classify: (err: unknown) => RetryDecision,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  onRetry?: (attempt: number, delayMs: number, err: unknown) => void,
): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt)
    } catch (err) {
      const delay = retryDelay(policy, attempt, classify(err))
      if (delay === undefined) throw err
      onRetry?.(attempt, delay, err)
      await sleep(delay)
    }
  }
}

/** Retry-After as delta-seconds (fractions tolerated, as Entra's throttling sends) or an HTTP-date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
