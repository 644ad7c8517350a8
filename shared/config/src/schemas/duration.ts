// Durations as operators write them: 250ms, 30s, 10m, 1h, 7d, or a bare number of milliseconds.
import { envString, invalid, ok, type Parsed } from './env-string.js'

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const
type Unit = keyof typeof UNIT_MS
const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/

export interface DurationOptions {
  /** Inclusive lower bound in milliseconds. */
  min?: number
  /** Inclusive upper bound in milliseconds. */
  max?: number
}

export function parseDuration(raw: string, { min, max }: DurationOptions = {}): Parsed<number> {
  const match = DURATION.exec(raw.toLowerCase())
  const amount = match?.[1]
  if (amount === undefined) {
    return invalid('must be a duration such as 250ms, 30s, 10m, 1h, 7d or a whole number of milliseconds')
  }
  const ms = Number(amount) * UNIT_MS[(match?.[2] ?? 'ms') as Unit]
  if (!Number.isSafeInteger(ms)) return invalid('is too large a duration')
  if (min !== undefined && ms < min) return invalid(`must be at least ${formatDuration(min)}`)
  if (max !== undefined && ms > max) return invalid(`must be at most ${formatDuration(max)}`)
  return ok(ms)
}

/** The largest unit that expresses `ms` exactly: 90000 → "90s", 3600000 → "1h". */
export function formatDuration(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms !== 0 && ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`
  }
  return `${ms}ms`
}

/** A duration, parsed to a number of milliseconds. */
export function duration(options: DurationOptions = {}) {
  return envString('duration', (raw) => parseDuration(raw, options))
}
