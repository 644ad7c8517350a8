// Read-only lookups over one tenant's users: manager, reports, peers, department. Built once and
// shared by the groups, people, calendar, mail and drive builders.
import type { SeedUser } from '../types.js'

export interface OrgIndex {
  users: readonly SeedUser[]
  get(id: string): SeedUser
  manager(id: string): SeedUser | undefined
  reports(id: string): SeedUser[]
  /** Users with the same manager, excluding the user. */
  peers(id: string): SeedUser[]
  department(name: string): SeedUser[]
  /** 0 for the root, 1 for its reports, … */
  depth(id: string): number
}

export function createOrgIndex(users: readonly SeedUser[]): OrgIndex {
  const byId = new Map(users.map((u) => [u.id, u]))
  const reportsOf = new Map<string, SeedUser[]>()
  const byDept = new Map<string, SeedUser[]>()
  for (const u of users) {
    if (u.managerId !== null) reportsOf.set(u.managerId, [...(reportsOf.get(u.managerId) ?? []), u])
    byDept.set(u.department, [...(byDept.get(u.department) ?? []), u])
  }
  const get = (id: string): SeedUser => {
    const u = byId.get(id)
    if (!u) throw new Error(`seed: unknown user ${id}`)
    return u
  }
  const manager = (id: string) => {
    const m = get(id).managerId
    return m === null ? undefined : get(m)
  }
  const reports = (id: string) => reportsOf.get(id) ?? []
  return {
    users,
    get,
    manager,
    reports,
    peers(id) {
      const m = get(id).managerId
      return m === null ? [] : reports(m).filter((u) => u.id !== id)
    },
    department: (name) => byDept.get(name) ?? [],
    depth(id) {
      let d = 0
      // Bounded walk: a cycle would be a seed bug, and must not hang the emulator.
      for (let m = manager(id); m && d <= users.length; m = manager(m.id)) d++
      return d
    },
  }
}
