// Deterministic seed data for the emulator: two tenants (Contoso, a 73-person company, and the
// small Fabrikam), groups, people rankings, and for the demo users a calendar week, a mailbox and a
// OneDrive. Same week → deep-equal output; another week → same ids, dates shifted by whole weeks.
import { CONTOSO, FABRIKAM } from '../entra/tenants.js'
import { writeEvents } from './calendar/events.js'
import { planWeek } from './calendar/plan.js'
import { buildDrive } from './drive/drive.js'
import { buildAppRoleAssignments } from './app-roles.js'
import { allCompanyGroupId, buildContosoGroups, buildTenantWideGroup } from './groups.js'
import { buildMailbox, folderIds } from './mail/mailbox.js'
import { writeMessages } from './mail/messages.js'
import { planMailbox } from './mail/plan-threads.js'
import { buildContoso } from './org/contoso.js'
import { buildFabrikam } from './org/fabrikam.js'
import { CONTOSO_FIXED } from './org/fixed-people.js'
import { createOrgIndex } from './org/org-index.js'
import { buildPeopleRanking } from './people.js'
import { weekAnchor } from './week.js'
import type { OrgIndex } from './org/org-index.js'
import type {
  CreateSeedOptions,
  Seed,
  SeedDrive,
  SeedDriveItem,
  SeedEvent,
  SeedGroup,
  SeedMailbox,
  SeedMessage,
  SeedPersonRank,
  SeedUser,
} from './types.js'

export type {
  CreateSeedOptions,
  GraphAttendee,
  GraphDateTimeTimeZone,
  GraphEmailAddress,
  GraphFollowupFlag,
  GraphIdentity,
  GraphItemBody,
  GraphLocation,
  GraphOnlineMeetingInfo,
  GraphRecipient,
  GraphResponseStatus,
  GraphResponseType,
  Seed,
  SeedDrive,
  SeedDriveItem,
  SeedEvent,
  SeedGroup,
  SeedMailbox,
  SeedMailFolder,
  SeedMessage,
  SeedPersonRank,
  SeedTenant,
  SeedUser,
  WellKnownFolderName,
} from './types.js'
export { INTERNAL_GROUP_FIELDS, INTERNAL_USER_FIELDS } from './types.js'
export { weekAnchor } from './week.js'

export function createSeed(options: CreateSeedOptions): Seed {
  const anchor = weekAnchor(options.now)

  const contoso = buildContoso(CONTOSO)
  const idByKey = (key: string): string => {
    const id = contoso.idByKey.get(key)
    if (id === undefined) throw new Error(`seed: unknown Contoso position ${key}`)
    return id
  }
  const contosoOrg = createOrgIndex(contoso.users)
  const fabrikamUsers = buildFabrikam(FABRIKAM, (key) => contosoOrg.get(idByKey(key)).mail)
  const fabrikamOrg = createOrgIndex(fabrikamUsers)
  const users = [...contoso.users, ...fabrikamUsers]
  const orgOf = (u: SeedUser): OrgIndex => (u.tenantId === CONTOSO.id ? contosoOrg : fabrikamOrg)

  const fabrikamRoot = fabrikamUsers.find((u) => u.managerId === null)
  const groups: SeedGroup[] = [
    ...buildContosoGroups({ tenant: CONTOSO, org: contosoOrg, idByKey, anchor }),
    ...(fabrikamRoot
      ? [buildTenantWideGroup({ tenant: FABRIKAM, org: fabrikamOrg, idByKey, anchor }, fabrikamRoot.id)]
      : []),
  ]
  const allCompanyOf = (tenantId: string) => {
    const g = groups.find((x) => x.id === allCompanyGroupId(tenantId))
    return g?.mail ? { name: g.displayName, address: g.mail } : null
  }

  // Demo users in README order: Contoso's pinned positions, then Fabrikam's.
  const contosoDemo = [...CONTOSO_FIXED.keys()].map((k) => contosoOrg.get(idByKey(k))).filter((u) => u.demo)
  const demoUsers = [...contosoDemo, ...fabrikamUsers.filter((u) => u.demo)]

  const peopleByUser = new Map<string, SeedPersonRank[]>(
    users.map((u) => [u.id, buildPeopleRanking(u, orgOf(u))]),
  )

  const eventsByUser = new Map<string, SeedEvent[]>(users.map((u) => [u.id, []]))
  for (const [tenantDemo, org, teamNames] of [
    [contosoDemo, contosoOrg, contoso.teamNameByManager],
    [fabrikamUsers.filter((u) => u.demo), fabrikamOrg, new Map<string, string>()],
  ] as const) {
    const meetings = planWeek({ org, demoUsers: tenantDemo, teamNameByManager: teamNames, peopleByUser })
    for (const [userId, events] of writeEvents(meetings, org, anchor)) eventsByUser.set(userId, events)
  }

  const messagesByUser = new Map<string, SeedMessage[]>()
  const mailboxesByUser = new Map<string, SeedMailbox>()
  const drivesByUser = new Map<string, SeedDrive>()
  const driveItemsByUser = new Map<string, SeedDriveItem[]>()
  for (const u of users) {
    const org = orgOf(u)
    const folders = folderIds(u.id)
    const messages = u.demo
      ? writeMessages(
          u,
          planMailbox({
            owner: u,
            org,
            ranking: peopleByUser.get(u.id) ?? [],
            allCompany: allCompanyOf(u.tenantId),
          }),
          org,
          anchor,
          folders,
        )
      : []
    messagesByUser.set(u.id, messages)
    mailboxesByUser.set(u.id, buildMailbox(u.id, messages))
    const { drive, items } = buildDrive(u, org, anchor, u.demo)
    drivesByUser.set(u.id, drive)
    driveItemsByUser.set(u.id, items)
  }

  return {
    tenants: [CONTOSO, FABRIKAM],
    users,
    groups,
    appRolesByUser: buildAppRoleAssignments(users),
    eventsByUser,
    messagesByUser,
    mailboxesByUser,
    drivesByUser,
    driveItemsByUser,
    peopleByUser,
    demoUsers,
  }
}
