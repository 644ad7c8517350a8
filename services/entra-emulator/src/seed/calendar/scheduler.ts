// Free/busy bookkeeping for planning the seeded week, so nobody is double-booked. The working day
// is 08:00-17:00 UTC in 15-minute slots, Monday (day 0) to Friday (day 4).

export const SLOT_MINUTES = 15
export const DAY_START_HOUR = 8
export const SLOTS_PER_DAY = 36
export const WORK_DAYS = 5

export interface Slot {
  day: number
  slot: number
}

export interface Scheduler {
  isFree(userIds: readonly string[], at: Slot, length: number): boolean
  reserve(userIds: readonly string[], at: Slot, length: number): void
  /** The first candidate at which everyone is free, reserved; throws when none fits (a seed bug). */
  book(userIds: readonly string[], candidates: readonly Slot[], length: number, what: string): Slot
}

/** Slot index of a time of day, e.g. slotAt(9, 30). */
export const slotAt = (hour: number, minute = 0): number =>
  ((hour - DAY_START_HOUR) * 60 + minute) / SLOT_MINUTES

export function createScheduler(): Scheduler {
  const busy = new Map<string, Uint8Array>()
  const grid = (id: string): Uint8Array => {
    let g = busy.get(id)
    if (!g) busy.set(id, (g = new Uint8Array(WORK_DAYS * SLOTS_PER_DAY)))
    return g
  }
  const isFree: Scheduler['isFree'] = (userIds, at, length) => {
    if (at.day < 0 || at.day >= WORK_DAYS || at.slot < 0 || at.slot + length > SLOTS_PER_DAY) return false
    const base = at.day * SLOTS_PER_DAY + at.slot
    return userIds.every((id) =>
      grid(id)
        .subarray(base, base + length)
        .every((b) => b === 0),
    )
  }
  const reserve: Scheduler['reserve'] = (userIds, at, length) => {
    const base = at.day * SLOTS_PER_DAY + at.slot
    for (const id of userIds) grid(id).fill(1, base, base + length)
  }
  return {
    isFree,
    reserve,
    book(userIds, candidates, length, what) {
      const at = candidates.find((c) => isFree(userIds, c, length))
      if (!at) throw new Error(`seed: no free slot for ${what}`)
      reserve(userIds, at, length)
      return at
    },
  }
}

/** Every (day, slot) with day in `days` and slot in [from, to), in day-major order. */
export function slotsBetween(days: readonly number[], from: number, to: number): Slot[] {
  const out: Slot[] = []
  for (const day of days) for (let slot = from; slot < to; slot++) out.push({ day, slot })
  return out
}
