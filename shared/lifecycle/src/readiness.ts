// Readiness (Kubernetes readinessProbe, load balancers): every named check runs at once, each
// bounded by its own timeout, and the answer lists each one's outcome by name only. Outcomes are
// fixed words, never error text: an error message can carry a Redis or upstream URL with its
// credentials, and the probe is reachable by anyone who can reach the port.
export type CheckOutcome = 'ok' | 'failed' | 'timeout'

/** Resolves true (or nothing) when the dependency serves; false or a rejection means it does not. */
export type ReadinessCheck = () => Promise<boolean | void>

export interface ReadinessReport {
  ready: boolean
  /** Each check's outcome; `shutdown: 'in_progress'` alone once this process is stopping. */
  checks: Record<string, CheckOutcome | 'in_progress'>
}

export interface ReadinessOptions {
  checks: Record<string, ReadinessCheck>
  /** True once shutdown began: not ready whatever the checks say, so traffic moves elsewhere. */
  isStopping?: () => boolean
  /** Longest wait for one check (default 1.5 s). */
  timeoutMs?: number
}

export const DEFAULT_CHECK_TIMEOUT_MS = 1_500

export function createReadiness(options: ReadinessOptions): () => Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS
  const entries = Object.entries(options.checks)
  return async () => {
    if (options.isStopping?.()) return { ready: false, checks: { shutdown: 'in_progress' } }
    const outcomes = await Promise.all(entries.map(([, check]) => outcomeOf(check, timeoutMs)))
    const checks: Record<string, CheckOutcome> = {}
    entries.forEach(([name], i) => (checks[name] = outcomes[i] ?? 'failed'))
    return { ready: outcomes.every((outcome) => outcome === 'ok'), checks }
  }
}

function outcomeOf(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs)
    let work: Promise<boolean | void>
    try {
      work = check()
    } catch {
      work = Promise.reject(new Error('check threw'))
    }
    work
      .then(
        (value) => resolve(value === false ? 'failed' : 'ok'),
        () => resolve('failed'),
      )
      .finally(() => clearTimeout(timer))
  })
}
