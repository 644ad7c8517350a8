// Date-time inputs the calendar tools accept: ISO 8601 with an explicit offset (RFC 3339), so an
// instant is never read in a guessed time zone.
import { z } from 'zod'

export const MINUTE_MS = 60_000
export const DAY_MS = 24 * 60 * MINUTE_MS

export function instant(description: string) {
  return z.iso.datetime({ offset: true }).describe(description)
}

export function toUtcIso(value: string): string {
  return new Date(value).toISOString()
}

/** A refinement message when `end` is not after `start`, or the span is above `maxMs`. */
export function rangeProblem(
  start: string,
  end: string,
  maxMs: number,
  maxLabel: string,
): string | undefined {
  const span = Date.parse(end) - Date.parse(start)
  if (!(span > 0)) return 'end must be after start'
  if (span > maxMs) return `the range must not exceed ${maxLabel}`
  return undefined
}

/** A Graph dateTimeTimeZone in UTC: the wall-clock time without an offset, and the zone by name. */
export function utcDateTimeTimeZone(value: string): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: toUtcIso(value).replace(/Z$/, ''), timeZone: 'UTC' }
}
