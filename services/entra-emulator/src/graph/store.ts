// The Graph side's per-run state: indexes over the seed for lookups, plus the events and messages
// created while the emulator runs (POST /me/events, /me/sendMail). Nothing is persisted; the seed
// itself is never mutated.
import type {
  Seed,
  SeedDrive,
  SeedDriveItem,
  SeedEvent,
  SeedGroup,
  SeedMailbox,
  SeedMessage,
  SeedPersonRank,
  SeedTenant,
  SeedUser,
} from '../seed/types.js'

export interface GraphStore {
  tenant(tenantId: string): SeedTenant | undefined
  user(userId: string): SeedUser | undefined
  /** A user of `tenantId` by object id or userPrincipalName (case-insensitive), as /users/{id|upn}. */
  findUser(tenantId: string, idOrUpn: string): SeedUser | undefined
  /**
   * The mailbox an SMTP address routes to: mail goes to the tenant that owns the address's domain,
   * then to the user there whose mail or UPN it is. A user elsewhere whose `mail` merely claims the
   * address (the seed has such a cross-tenant look-alike) never receives it.
   */
  userByAddress(address: string): SeedUser | undefined
  usersOf(tenantId: string): SeedUser[]
  directReports(userId: string): SeedUser[]
  groupsOf(tenantId: string): SeedGroup[]
  memberOf(userId: string): SeedGroup[]
  /** The user's calendar, live: includes events created during the run. */
  events(userId: string): readonly SeedEvent[]
  addEvent(userId: string, event: SeedEvent): void
  /** The user's mailbox messages, newest first, live. */
  messages(userId: string): readonly SeedMessage[]
  addMessage(userId: string, message: SeedMessage): void
  mailbox(userId: string): SeedMailbox | undefined
  drive(userId: string): SeedDrive | undefined
  driveItems(userId: string): readonly SeedDriveItem[]
  people(userId: string): readonly SeedPersonRank[]
}

export function createGraphStore(seed: Seed): GraphStore {
  const tenants = new Map(seed.tenants.map((t) => [t.id, t]))
  const users = new Map(seed.users.map((u) => [u.id, u]))
  const tenantByDomain = new Map(seed.tenants.map((t) => [t.domain.toLowerCase(), t]))
  // Per tenant: lower-cased mail and UPN → user.
  const byAddress = new Map<string, Map<string, SeedUser>>()
  for (const u of seed.users) {
    let local = byAddress.get(u.tenantId)
    if (!local) {
      local = new Map()
      byAddress.set(u.tenantId, local)
    }
    local.set(u.mail.toLowerCase(), u)
    local.set(u.userPrincipalName.toLowerCase(), u)
  }
  const events = new Map<string, SeedEvent[]>()
  const messages = new Map<string, SeedMessage[]>()
  for (const [id, list] of seed.eventsByUser) events.set(id, [...list])
  for (const [id, list] of seed.messagesByUser) messages.set(id, [...list])
  const listOf = <T>(map: Map<string, T[]>, id: string): T[] => {
    let list = map.get(id)
    if (!list) {
      list = []
      map.set(id, list)
    }
    return list
  }

  return {
    tenant: (id) => tenants.get(id),
    user: (id) => users.get(id),
    findUser(tenantId, idOrUpn) {
      const key = idOrUpn.toLowerCase()
      const byId = users.get(key)
      if (byId) return byId.tenantId === tenantId ? byId : undefined
      const u = byAddress.get(tenantId)?.get(key)
      return u && u.userPrincipalName.toLowerCase() === key ? u : undefined
    },
    userByAddress(address) {
      const lower = address.toLowerCase()
      const tenant = tenantByDomain.get(lower.slice(lower.lastIndexOf('@') + 1))
      return tenant ? byAddress.get(tenant.id)?.get(lower) : undefined
    },
    usersOf: (tenantId) => seed.users.filter((u) => u.tenantId === tenantId),
    directReports: (userId) => seed.users.filter((u) => u.managerId === userId),
    groupsOf: (tenantId) => seed.groups.filter((g) => g.tenantId === tenantId),
    memberOf: (userId) => seed.groups.filter((g) => g.memberIds.includes(userId)),
    events: (id) => events.get(id) ?? [],
    addEvent(id, event) {
      const list = listOf(events, id)
      list.push(event)
      list.sort((a, b) => a.start.dateTime.localeCompare(b.start.dateTime))
    },
    messages: (id) => messages.get(id) ?? [],
    addMessage(id, message) {
      listOf(messages, id).unshift(message)
    },
    mailbox: (id) => seed.mailboxesByUser.get(id),
    drive: (id) => seed.drivesByUser.get(id),
    driveItems: (id) => seed.driveItemsByUser.get(id) ?? [],
    people: (id) => seed.peopleByUser.get(id) ?? [],
  }
}
