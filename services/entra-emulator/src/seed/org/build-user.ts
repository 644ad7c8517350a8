// Turns a named person at a position into a SeedUser. UPN and mail are `first.last@domain`
// (mail-safe forms of the names); phones come from the office's fictional ranges.
import { guid } from '../ids.js'
import { mailPart } from './names.js'
import { OFFICES } from './offices.js'
import type { SeedTenant, SeedUser } from '../types.js'
import type { OfficeKey } from './offices.js'

export interface UserInput {
  tenant: SeedTenant
  /** Stable position key: the seed of the object id. */
  key: string
  givenName: string
  surname: string
  jobTitle: string
  department: string
  office: OfficeKey
  /** Index of this user among the office's users: picks a unique phone number and desk. */
  officeIndex: number
  managerId: string | null
  demo: boolean
  hasMobile: boolean
  mail?: string
}

export function userId(tenant: SeedTenant, key: string): string {
  return guid(`user:${tenant.id}:${key}`)
}

export function upnFor(givenName: string, surname: string, tenant: SeedTenant): string {
  return `${mailPart(givenName)}.${mailPart(surname)}@${tenant.domain}`
}

export function buildUser(input: UserInput): SeedUser {
  const office = OFFICES[input.office]
  const n = input.officeIndex
  const building = office.buildings[n % office.buildings.length] ?? office.city
  const floor = 1 + (Math.floor(n / 7) % 6)
  const room = 100 + ((n * 37) % 90)
  const upn = upnFor(input.givenName, input.surname, input.tenant)
  return {
    id: userId(input.tenant, input.key),
    tenantId: input.tenant.id,
    userPrincipalName: upn,
    mail: input.mail ?? upn,
    displayName: `${input.givenName} ${input.surname}`,
    givenName: input.givenName,
    surname: input.surname,
    jobTitle: input.jobTitle,
    department: input.department,
    officeLocation: `${building} / ${floor}.${room}`,
    city: office.city,
    country: office.country,
    businessPhones: [office.phone(n)],
    mobilePhone: input.hasMobile ? office.mobile(n) : null,
    preferredLanguage: office.preferredLanguage,
    accountEnabled: true,
    managerId: input.managerId,
    demo: input.demo,
  }
}
