// What the emulator's seed says about the user an acceptance test signs in as: the expectations
// the tools' results are checked against (services/entra-emulator/src/seed/types.ts).
import type { RunningEmulator, SeedUser } from '@m365mcp/entra-emulator'

type Seed = RunningEmulator['seed']

export interface SeedFacts {
  seed: Seed
  me: SeedUser
  manager: SeedUser
  reports: SeedUser[]
  /** Users of my tenant. */
  colleagues: SeedUser[]
}

/** The first demo user who has both a manager and direct reports, so every org tool has an answer. */
export function seedFacts(seed: Seed): SeedFacts {
  for (const me of seed.demoUsers) {
    const colleagues = seed.users.filter((u) => u.tenantId === me.tenantId)
    const manager = colleagues.find((u) => u.id === me.managerId)
    const reports = colleagues.filter((u) => u.managerId === me.id)
    if (manager && reports.length > 0) return { seed, me, manager, reports, colleagues }
  }
  throw new Error('the seed has no demo user with a manager and direct reports')
}

export const DAY_MS = 24 * 60 * 60_000

/** The Monday 00:00 UTC of the current week: the emulator seeds calendars relative to it. */
export function weekStart(now = Date.now()): number {
  const day = new Date(now)
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY_MS
}

export const iso = (ms: number): string => new Date(ms).toISOString()
