// One seed shared by a test file: built for a Wednesday, so its week runs Monday 2025-06-02 to
// Friday 2025-06-06 (UTC).
import { createSeed } from '../../src/seed/index.js'
import type { Seed, SeedUser } from '../../src/seed/index.js'

export const NOW = Date.parse('2025-06-04T15:27:00Z')
export const ANCHOR = Date.parse('2025-06-02T00:00:00Z')

export function loadSeed(): {
  seed: Seed
  byId: Map<string, SeedUser>
  byMail: (tenantId: string, mail: string) => SeedUser | undefined
} {
  const seed = createSeed({ now: NOW })
  const byId = new Map(seed.users.map((u) => [u.id, u]))
  return {
    seed,
    byId,
    byMail: (tenantId, mail) => seed.users.find((u) => u.tenantId === tenantId && u.mail === mail),
  }
}

export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`fixture: missing ${what}`)
  return value
}
