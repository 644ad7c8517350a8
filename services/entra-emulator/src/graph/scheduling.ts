// The free/busy arithmetic behind findMeetingTimes
// (https://learn.microsoft.com/graph/findmeetingtimes-example): candidate slots every 30 minutes in
// the requested windows (working hours Monday–Friday 08:00–17:00 in the request's zone for the
// `work` activity domain), each participant's availability from their calendar, and a confidence
// that is the chance everyone required can attend (free 1, tentative ½, busy or away 0).
import { eventSpan } from './entities/event.js'
import type { SeedEvent } from '../seed/types.js'
import { instantToZoned } from './timezones.js'

export type Availability = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown'

export const SLOT_STEP_MS = 30 * 60_000
const WORK_START_MINUTE = 8 * 60
const WORK_END_MINUTE = 17 * 60

/** Worst first: one overlapping busy event makes the participant busy. */
const SEVERITY: readonly Availability[] = ['oof', 'busy', 'tentative', 'workingElsewhere', 'free']

/** A participant's availability over [start, end) given their calendar; unknown without one. */
export function availability(
  events: readonly SeedEvent[] | undefined,
  start: number,
  end: number,
): Availability {
  if (!events) return 'unknown'
  let worst = SEVERITY.length - 1
  for (const e of events) {
    if (e.isCancelled || e.showAs === 'free' || e.showAs === 'unknown') continue
    const span = eventSpan(e)
    if (span.start < end && span.end > start) worst = Math.min(worst, SEVERITY.indexOf(e.showAs))
  }
  return SEVERITY[worst] as Availability
}

export function attendanceChance(a: Availability): number {
  if (a === 'busy' || a === 'oof') return 0
  if (a === 'tentative') return 0.5
  return 1
}

/** Whether [start, start+duration) lies inside one working day in `zone`. */
export function withinWorkingHours(start: number, durationMs: number, zone: string): boolean {
  const local = instantToZoned(start, zone)
  const localEnd = instantToZoned(start + durationMs, zone)
  if (local.slice(0, 10) !== localEnd.slice(0, 10) && !localEnd.endsWith('T00:00:00.0000000')) return false
  const weekday = new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay()
  if (weekday === 0 || weekday === 6) return false
  const minute = (t: string) => Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16))
  const endMinute = local.slice(0, 10) === localEnd.slice(0, 10) ? minute(localEnd) : 24 * 60
  return minute(local) >= WORK_START_MINUTE && endMinute <= WORK_END_MINUTE
}

/** Slot starts every 30 minutes from the first boundary at or after max(window start, now). */
export function candidateStarts(
  window: { start: number; end: number },
  durationMs: number,
  now: number,
): number[] {
  const from = Math.ceil(Math.max(window.start, now) / SLOT_STEP_MS) * SLOT_STEP_MS
  const starts: number[] = []
  for (let t = from; t + durationMs <= window.end && starts.length < 5000; t += SLOT_STEP_MS) starts.push(t)
  return starts
}

/** ISO 8601 duration (PnDTnHnMnS) in milliseconds, or undefined when malformed or zero. */
export function parseDuration(raw: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(raw)
  if (!m || raw === 'P' || raw.endsWith('T')) return undefined
  const [, d, h, mi, s] = m
  const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60_000 + Number(s ?? 0) * 1000
  return ms > 0 ? ms : undefined
}
