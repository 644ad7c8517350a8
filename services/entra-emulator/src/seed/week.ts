// Time anchoring. Every seeded date is the Monday 00:00 UTC of `now`'s week plus a fixed offset,
// so any `now` within one week gives identical data and another week shifts all dates by whole
// weeks. Formats follow what Graph returns for each property.

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
export const WEEK = 7 * DAY

/** Monday 00:00:00.000 UTC of the ISO week containing `now`. */
export function weekAnchor(now: Date | number): number {
  const ms = typeof now === 'number' ? now : now.getTime()
  if (!Number.isFinite(ms)) throw new RangeError('createSeed: now is not a valid date')
  const midnight = Math.floor(ms / DAY) * DAY
  // 1970-01-01 was a Thursday: getUTCDay() 0 = Sunday … 6 = Saturday.
  const daysSinceMonday = (new Date(midnight).getUTCDay() + 6) % 7
  return midnight - daysSinceMonday * DAY
}

/** "2025-06-02T09:30:00Z": messages, drive items, groups. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** "2025-06-02T09:30:00.0000000Z": event createdDateTime / lastModifiedDateTime (.NET ticks). */
export function isoTicks(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.0000000Z`
}

/** "2025-06-02T09:30:00.0000000": dateTimeTimeZone.dateTime, which carries no offset. */
export function localDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.0000000`
}

/** Graph's "no response yet" time in responseStatus. */
export const NO_RESPONSE_TIME = '0001-01-01T00:00:00Z'
