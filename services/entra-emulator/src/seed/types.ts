// Shapes of the emulator's seed data. Users and tenants are the contract between the identity side
// (login page, token claims) and the Graph side; the Graph side serves the rest.
//
// Storage rule: every record the Graph emulator serves (group, event, message, mailFolder, drive,
// driveItem) is kept in Microsoft Graph v1.0's own JSON shape, property names and nesting exactly as
// Graph returns them, so a route can return it as is or project it with `$select`. Fields that are
// NOT Graph properties are few and listed by name in INTERNAL_USER_FIELDS / INTERNAL_GROUP_FIELDS;
// strip them before serving. Relations that Graph exposes as their own paths (mailbox folders,
// the user's drive, people rankings) sit in per-user maps on `Seed`.
// Resource docs: https://learn.microsoft.com/graph/api/resources/{user,group,event,message,
// mailfolder,drive,driveitem,person}?view=graph-rest-1.0
import type { SeedEvent } from './calendar-types.js'
import type { SeedMessage, SeedMailbox } from './mail-types.js'
import type { SeedDrive, SeedDriveItem } from './drive-types.js'
export type {
  GraphEmailAddress,
  GraphRecipient,
  GraphItemBody,
  GraphDateTimeTimeZone,
  GraphIdentity,
} from './graph-types.js'
export type {
  GraphResponseType,
  GraphResponseStatus,
  GraphAttendee,
  GraphLocation,
  GraphOnlineMeetingInfo,
  SeedEvent,
} from './calendar-types.js'
export type {
  GraphFollowupFlag,
  SeedMessage,
  WellKnownFolderName,
  SeedMailFolder,
  SeedMailbox,
} from './mail-types.js'
export type { SeedDrive, SeedDriveItem } from './drive-types.js'

export interface SeedTenant {
  /** Directory (tenant) id, a GUID: the `tid` claim and the issuer path segment. */
  id: string
  /** Display name, e.g. "Contoso". */
  name: string
  /** Verified domain used in user principal names, e.g. "contoso.example". */
  domain: string
}

export interface SeedUser {
  /** Object id, a GUID: the `oid` claim and the Graph `id`. */
  id: string
  tenantId: string
  userPrincipalName: string
  mail: string
  displayName: string
  givenName: string
  surname: string
  jobTitle: string
  department: string
  officeLocation: string
  city: string
  country: string
  businessPhones: string[]
  mobilePhone: string | null
  preferredLanguage: string
  accountEnabled: boolean
  /** Object id of the manager, null at the top of the organisation. */
  managerId: string | null
  /** Demo users can sign in on the emulator's login page with DEMO_PASSWORD. */
  demo: boolean
}

/** SeedUser fields that are not Graph user properties (`manager` is its own Graph path). */
export const INTERNAL_USER_FIELDS = ['tenantId', 'managerId', 'demo'] as const

// ---- Groups --------------------------------------------------------------------------------------

/** Graph `group` (v1.0) plus the internal fields named in INTERNAL_GROUP_FIELDS. */
export interface SeedGroup {
  id: string
  deletedDateTime: string | null
  classification: string | null
  createdDateTime: string
  description: string | null
  displayName: string
  /** ['Unified'] for Microsoft 365 groups, [] for security groups. */
  groupTypes: string[]
  mail: string | null
  mailEnabled: boolean
  mailNickname: string
  proxyAddresses: string[]
  renewedDateTime: string
  securityEnabled: boolean
  visibility: 'Public' | 'Private' | 'HiddenMembership' | null
  /** Internal: the directory the group lives in (Graph scopes /groups to the caller's tenant). */
  tenantId: string
  /** Internal: object ids of member users (served at /groups/{id}/members, /me/memberOf). */
  memberIds: string[]
  /** Internal: object ids of owner users (served at /groups/{id}/owners). */
  ownerIds: string[]
}

/** SeedGroup fields that are not Graph group properties. */
export const INTERNAL_GROUP_FIELDS = ['tenantId', 'memberIds', 'ownerIds'] as const

// ---- People ----------------------------------------------------------------------------------------

/**
 * One entry of a user's /me/people ranking: a user of the same tenant and the Graph
 * `scoredEmailAddresses[].relevanceScore` to show. Lists are ordered by strictly decreasing score,
 * never include the owner, and are built into Graph `person` objects from the SeedUser.
 */
export interface SeedPersonRank {
  userId: string
  relevanceScore: number
}

// ---- The whole seed --------------------------------------------------------------------------------

/**
 * Everything the emulator serves. Per-user maps are keyed by user object id; users without seeded
 * content have an empty list (mailbox and drive exist for every user). All dates derive from the
 * Monday 00:00 UTC of `now`'s week, so any `now` within one week yields deep-equal data, and another
 * week yields the same ids with dates shifted by whole weeks.
 */
export interface Seed {
  tenants: SeedTenant[]
  /** All users of all tenants; Contoso first, in org-chart order. */
  users: SeedUser[]
  groups: SeedGroup[]
  /** App role values assigned to a user (object id), for the ID token `roles` claim (app-roles.ts). */
  appRolesByUser: Map<string, string[]>
  /** Events by calendar owner, ordered by start. */
  eventsByUser: Map<string, SeedEvent[]>
  /** Messages by mailbox owner, newest first (receivedDateTime desc, Graph's default order). */
  messagesByUser: Map<string, SeedMessage[]>
  mailboxesByUser: Map<string, SeedMailbox>
  drivesByUser: Map<string, SeedDrive>
  /** The drive's items (root, folders, files), root first. */
  driveItemsByUser: Map<string, SeedDriveItem[]>
  /** Relevance ranking per user, most relevant first. */
  peopleByUser: Map<string, SeedPersonRank[]>
  /** Users with `demo: true`, in the order the README lists them. */
  demoUsers: SeedUser[]
}

export interface CreateSeedOptions {
  /** The emulator's clock at start; only its UTC week matters. */
  now: Date | number
}
