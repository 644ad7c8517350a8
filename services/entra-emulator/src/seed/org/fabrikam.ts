// Fabrikam's small directory, including the nOAuth look-alike of a Contoso demo user (see
// FABRIKAM_PEOPLE).
import { buildUser, userId } from './build-user.js'
import { FABRIKAM_PEOPLE } from './fixed-people.js'
import type { SeedTenant, SeedUser } from '../types.js'

export function buildFabrikam(tenant: SeedTenant, contosoMailByKey: (key: string) => string): SeedUser[] {
  return FABRIKAM_PEOPLE.map((p, i) =>
    buildUser({
      tenant,
      key: p.key,
      givenName: p.givenName,
      surname: p.surname,
      jobTitle: p.jobTitle,
      department: p.department,
      office: 'TOR',
      officeIndex: i,
      managerId: p.managerKey === null ? null : userId(tenant, p.managerKey),
      demo: p.demo,
      hasMobile: p.demo,
      ...(p.sameMailAs === undefined ? {} : { mail: contosoMailByKey(p.sameMailAs) }),
    }),
  )
}
