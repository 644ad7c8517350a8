// Contoso's directory: walks the org chart depth first (head, staff, then each team's lead and
// members) so the CEO comes first and every manager precedes their reports.
import { createRng } from '../random.js'
import { buildUser, upnFor, userId } from './build-user.js'
import { CONTOSO_FIXED } from './fixed-people.js'
import { GIVEN_NAMES, SURNAMES } from './names.js'
import { ORG_CHART, ROOT_DEPARTMENT } from './org-chart.js'
import type { SeedTenant, SeedUser } from '../types.js'
import type { OfficeKey } from './offices.js'

interface Position {
  key: string
  jobTitle: string
  department: string
  office: OfficeKey
  managerKey: string | null
}

function positions(): Position[] {
  const out: Position[] = []
  const rootKey = `${ROOT_DEPARTMENT}/head`
  for (const dept of ORG_CHART) {
    const headKey = `${dept.key}/head`
    const base = { department: dept.name, office: dept.office }
    out.push({
      ...base,
      key: headKey,
      jobTitle: dept.head,
      managerKey: dept.key === ROOT_DEPARTMENT ? null : rootKey,
    })
    dept.staff.forEach((jobTitle, i) =>
      out.push({ ...base, key: `${dept.key}/staff/${i}`, jobTitle, managerKey: headKey }),
    )
    dept.teams.forEach((team, t) => {
      const leadKey = `${dept.key}/team/${t}/lead`
      const office = team.office ?? dept.office
      out.push({ ...base, office, key: leadKey, jobTitle: team.lead, managerKey: headKey })
      team.members.forEach((jobTitle, m) =>
        out.push({
          ...base,
          office,
          key: `${dept.key}/team/${t}/member/${m}`,
          jobTitle,
          managerKey: leadKey,
        }),
      )
    })
  }
  return out
}

/** Contoso users plus their position keys (key → user id) and team names, used by groups and meetings. */
export interface ContosoDirectory {
  users: SeedUser[]
  idByKey: Map<string, string>
  /** Manager id → the name of the team they lead ("Platform", "Engineering leadership", …). */
  teamNameByManager: Map<string, string>
}

function teamNames(tenant: SeedTenant): Map<string, string> {
  const out = new Map<string, string>()
  for (const dept of ORG_CHART) {
    const head = dept.key === ROOT_DEPARTMENT ? 'Executive staff' : `${dept.name} leadership`
    out.set(userId(tenant, `${dept.key}/head`), head)
    dept.teams.forEach((team, t) => out.set(userId(tenant, `${dept.key}/team/${t}/lead`), team.name))
  }
  return out
}

export function buildContoso(tenant: SeedTenant): ContosoDirectory {
  const rng = createRng('contoso:names')
  const all = positions()
  const taken = new Set<string>(
    [...CONTOSO_FIXED.values()].map((p) => upnFor(p.givenName, p.surname, tenant)),
  )
  const perOffice = new Map<OfficeKey, number>()
  const idByKey = new Map<string, string>()
  const users = all.map((pos) => {
    let person = CONTOSO_FIXED.get(pos.key)
    while (!person) {
      const candidate = { givenName: rng.pick(GIVEN_NAMES), surname: rng.pick(SURNAMES), demo: false }
      const upn = upnFor(candidate.givenName, candidate.surname, tenant)
      if (!taken.has(upn)) {
        taken.add(upn)
        person = candidate
      }
    }
    const officeIndex = perOffice.get(pos.office) ?? 0
    perOffice.set(pos.office, officeIndex + 1)
    const id = userId(tenant, pos.key)
    idByKey.set(pos.key, id)
    return buildUser({
      tenant,
      key: pos.key,
      givenName: person.givenName,
      surname: person.surname,
      jobTitle: pos.jobTitle,
      department: pos.department,
      office: pos.office,
      officeIndex,
      managerId: pos.managerKey === null ? null : userId(tenant, pos.managerKey),
      demo: person.demo,
      hasMobile: person.demo || rng.chance(0.6),
    })
  })
  return { users, idByKey, teamNameByManager: teamNames(tenant) }
}
