// Graph `person` from the People API (https://learn.microsoft.com/graph/api/resources/person): the
// user's relevant colleagues, built from the seeded ranking and directory entries.
import type { SeedPersonRank, SeedTenant, SeedUser } from '../../seed/types.js'
import type { EntitySchema, GraphObject } from '../odata/schema.js'
import type { TextFields } from '../odata/text-search.js'

export const PERSON_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.person',
  resourceLabel: 'Person',
  properties: [
    'id',
    'displayName',
    'givenName',
    'surname',
    'birthday',
    'personNotes',
    'isFavorite',
    'jobTitle',
    'companyName',
    'yomiCompany',
    'department',
    'officeLocation',
    'profession',
    'userPrincipalName',
    'imAddress',
    'scoredEmailAddresses',
    'phones',
    'personType',
  ],
  filterable: {
    id: 'string',
    displayName: 'string',
    givenName: 'string',
    surname: 'string',
    jobTitle: 'string',
    department: 'string',
    officeLocation: 'string',
    companyName: 'string',
    userPrincipalName: 'string',
    'personType/class': 'string',
    'personType/subclass': 'string',
  },
  sortable: { displayName: 'string' },
}

export function toGraphPerson(
  user: SeedUser,
  rank: SeedPersonRank,
  tenant: SeedTenant | undefined,
): GraphObject {
  return {
    id: user.id,
    displayName: user.displayName,
    givenName: user.givenName,
    surname: user.surname,
    birthday: '',
    personNotes: '',
    isFavorite: false,
    jobTitle: user.jobTitle,
    companyName: tenant?.name ?? null,
    yomiCompany: '',
    department: user.department,
    officeLocation: user.officeLocation,
    profession: '',
    userPrincipalName: user.userPrincipalName,
    imAddress: `sip:${user.userPrincipalName.toLowerCase()}`,
    scoredEmailAddresses: [
      { address: user.mail, relevanceScore: rank.relevanceScore, selectionLikelihood: 'notSpecified' },
    ],
    phones: [
      ...user.businessPhones.map((number) => ({ type: 'business', number })),
      ...(user.mobilePhone ? [{ type: 'mobile', number: user.mobilePhone }] : []),
    ],
    personType: { class: 'Person', subclass: 'OrganizationUser' },
  }
}

const str = (v: unknown): string[] => (typeof v === 'string' ? [v] : [])

/** People search matches names and email addresses. */
export const PERSON_SEARCH_FIELDS: TextFields = {
  name: (p) => [...str(p.displayName), ...str(p.givenName), ...str(p.surname)],
  email: (p) => [
    ...str(p.userPrincipalName),
    ...((p.scoredEmailAddresses as { address?: string }[] | undefined) ?? []).flatMap((e) => str(e.address)),
  ],
}
