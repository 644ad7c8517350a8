// The Monday 00:00 UTC of the current week: the emulator seeds its calendars relative to it.
const DAY_MS = 24 * 60 * 60_000

export function weekStart(now = Date.now()): number {
  const day = new Date(now)
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY_MS
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}

export { DAY_MS }
