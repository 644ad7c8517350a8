// Graph `user` as the directory serves it (https://learn.microsoft.com/graph/api/resources/user):
// without `$select`, only the default property set; other properties on request. Filter, sort and
// search capabilities follow the user resource's "supports $filter / $orderby / $search" notes.
import { INTERNAL_USER_FIELDS } from '../../seed/types.js'
import type { SeedTenant, SeedUser } from '../../seed/types.js'
import type { EntitySchema, GraphObject } from '../odata/schema.js'

const DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const

export const USER_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.user',
  resourceLabel: 'User',
  properties: [
    ...DEFAULT_PROPERTIES,
    'accountEnabled',
    'city',
    'companyName',
    'country',
    'department',
    'employeeId',
    'faxNumber',
    'imAddresses',
    'mailNickname',
    'otherMails',
    'postalCode',
    'proxyAddresses',
    'state',
    'streetAddress',
    'usageLocation',
    'userType',
  ],
  defaultProperties: DEFAULT_PROPERTIES,
  filterable: {
    id: 'string',
    displayName: 'string',
    givenName: 'string',
    surname: 'string',
    mail: 'string',
    mailNickname: 'string',
    userPrincipalName: 'string',
    jobTitle: 'string',
    department: 'string',
    officeLocation: 'string',
    city: 'string',
    country: 'string',
    companyName: 'string',
    employeeId: 'string',
    mobilePhone: 'string',
    preferredLanguage: 'string',
    usageLocation: 'string',
    userType: 'string',
    accountEnabled: 'boolean',
  },
  sortable: { displayName: 'string', userPrincipalName: 'string' },
}

export const USER_SEARCHABLE = [
  'displayName',
  'givenName',
  'surname',
  'mail',
  'mailNickname',
  'userPrincipalName',
]

/** The full Graph user object for a seeded user; `$select` then narrows it. */
export function toGraphUser(user: SeedUser, tenant: SeedTenant | undefined): GraphObject {
  const out: GraphObject = { ...user }
  for (const field of INTERNAL_USER_FIELDS) delete out[field]
  return {
    ...out,
    companyName: tenant?.name ?? null,
    employeeId: null,
    faxNumber: null,
    imAddresses: [user.userPrincipalName.toLowerCase()],
    mailNickname: user.userPrincipalName.split('@')[0] ?? user.userPrincipalName,
    otherMails: [],
    postalCode: null,
    proxyAddresses: [`SMTP:${user.mail}`],
    state: null,
    streetAddress: null,
    usageLocation: null,
    userType: 'Member',
  }
}

/** A user inside a directoryObject collection (manager, directReports, members) carries its type. */
export function asDirectoryObject(user: GraphObject): GraphObject {
  return { '@odata.type': '#microsoft.graph.user', ...user }
}
