// Relevance rankings for /me/people. Graph ranks by communication and business relationships
// (https://learn.microsoft.com/graph/people-insights-overview); this imitates it with fixed tiers,
// manager first, then direct reports, peers, cross-department collaborators, the skip-level
// manager and the rest of the department, shuffled a little by a seeded jitter.
import { createRng } from './random.js'
import type { OrgIndex } from './org/org-index.js'
import type { SeedPersonRank, SeedUser } from './types.js'

const TIER = {
  manager: 100,
  report: 90,
  peer: 75,
  collaborator: 60,
  skipLevel: 50,
  department: 40,
  other: 20,
}
const JITTER = 8
const MIN_ENTRIES = 18
const MAX_ENTRIES = 28

export function buildPeopleRanking(user: SeedUser, org: OrgIndex): SeedPersonRank[] {
  const rng = createRng(`people:${user.id}`)
  const weight = new Map<string, number>()
  const offer = (u: SeedUser | undefined, tier: number) => {
    if (!u || u.id === user.id || weight.has(u.id)) return
    // Jitter below the smallest gap between tiers: it reorders people within a tier only.
    weight.set(u.id, tier + rng.next() * JITTER)
  }
  const manager = org.manager(user.id)
  offer(manager, TIER.manager)
  for (const u of org.reports(user.id)) offer(u, TIER.report)
  for (const u of org.peers(user.id)) offer(u, TIER.peer)
  const others = org.users.filter((u) => u.department !== user.department)
  for (const u of rng.shuffle(others).slice(0, rng.int(4, 8))) offer(u, TIER.collaborator)
  offer(manager ? org.manager(manager.id) : undefined, TIER.skipLevel)
  for (const u of rng.shuffle(org.department(user.department))) offer(u, TIER.department)
  for (const u of rng.shuffle(others)) offer(u, TIER.other)

  const size = Math.min(rng.int(MIN_ENTRIES, MAX_ENTRIES), weight.size)
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, size)
  // Strictly decreasing scores with two decimals, as a sort key should be.
  const out: SeedPersonRank[] = []
  let previous = Infinity
  for (const [userId, w] of ranked) {
    const score = Math.min(Math.round(w * 100) / 100, Math.round((previous - 0.25) * 100) / 100)
    out.push({ userId, relevanceScore: score })
    previous = score
  }
  return out
}
