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

// ---- Shared Graph complex types ----------------------------------------------------------------

/** Graph `emailAddress`. */
export interface GraphEmailAddress {
  name: string
  address: string
}

/** Graph `recipient`. */
export interface GraphRecipient {
  emailAddress: GraphEmailAddress
}

/** Graph `itemBody`. */
export interface GraphItemBody {
  contentType: 'text' | 'html'
  content: string
}

/** Graph `dateTimeTimeZone`: local date-time without offset ("2025-06-02T09:30:00.0000000") + zone. */
export interface GraphDateTimeTimeZone {
  dateTime: string
  timeZone: string
}

/** Graph `identity` inside an `identitySet` (driveItem createdBy / lastModifiedBy). */
export interface GraphIdentity {
  id: string
  displayName: string
  /** SharePoint-backed drives add the user's email to the identity. */
  email: string
}

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

// ---- Calendar --------------------------------------------------------------------------------------

export type GraphResponseType =
  'none' | 'organizer' | 'tentativelyAccepted' | 'accepted' | 'declined' | 'notResponded'

/** Graph `responseStatus`; `time` is "0001-01-01T00:00:00Z" when there was no response. */
export interface GraphResponseStatus {
  response: GraphResponseType
  time: string
}

/** Graph `attendee`. */
export interface GraphAttendee {
  type: 'required' | 'optional' | 'resource'
  status: GraphResponseStatus
  emailAddress: GraphEmailAddress
}

/** Graph `location`. */
export interface GraphLocation {
  displayName: string
  locationType: 'default' | 'conferenceRoom' | 'homeAddress' | 'businessAddress'
  uniqueId: string | null
  uniqueIdType: 'unknown' | 'locationStore' | 'directory' | 'private' | 'bing'
}

/** Graph `onlineMeetingInfo` (the fields Teams meetings carry). */
export interface GraphOnlineMeetingInfo {
  joinUrl: string
}

/**
 * Graph `event` (v1.0). One record per calendar: a meeting appears in the organizer's and each
 * attendee's calendar with its own `id`, the same `iCalUId`, and that calendar owner's
 * `responseStatus` / `isOrganizer`. A cancelled meeting is only in the attendees' calendars
 * (Exchange removes the organizer's copy when they cancel) and its subject starts "Canceled: ".
 * All seeded times are UTC (`timeZone: 'UTC'`).
 */
export interface SeedEvent {
  id: string
  createdDateTime: string
  lastModifiedDateTime: string
  changeKey: string
  categories: string[]
  transactionId: string | null
  originalStartTimeZone: string
  originalEndTimeZone: string
  iCalUId: string
  reminderMinutesBeforeStart: number
  isReminderOn: boolean
  hasAttachments: boolean
  subject: string
  bodyPreview: string
  importance: 'low' | 'normal' | 'high'
  sensitivity: 'normal' | 'personal' | 'private' | 'confidential'
  isAllDay: boolean
  isCancelled: boolean
  isOrganizer: boolean
  responseRequested: boolean
  seriesMasterId: string | null
  showAs: 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown'
  type: 'singleInstance' | 'occurrence' | 'exception' | 'seriesMaster'
  webLink: string
  onlineMeetingUrl: string | null
  isOnlineMeeting: boolean
  onlineMeetingProvider: 'unknown' | 'teamsForBusiness' | 'skypeForBusiness' | 'skypeForConsumer'
  allowNewTimeProposals: boolean
  isDraft: boolean
  hideAttendees: boolean
  responseStatus: GraphResponseStatus
  body: GraphItemBody
  start: GraphDateTimeTimeZone
  end: GraphDateTimeTimeZone
  location: GraphLocation
  locations: GraphLocation[]
  recurrence: null
  /** The organizer is not listed among the attendees, as in Graph. */
  attendees: GraphAttendee[]
  organizer: GraphRecipient
  onlineMeeting: GraphOnlineMeetingInfo | null
}

// ---- Mail ------------------------------------------------------------------------------------------

/** Graph `followupFlag`. */
export interface GraphFollowupFlag {
  flagStatus: 'notFlagged' | 'complete' | 'flagged'
  startDateTime?: GraphDateTimeTimeZone
  dueDateTime?: GraphDateTimeTimeZone
}

/** Graph `message` (v1.0). `parentFolderId` is the opaque id of a folder in `mailFoldersByUser`. */
export interface SeedMessage {
  id: string
  createdDateTime: string
  lastModifiedDateTime: string
  changeKey: string
  categories: string[]
  receivedDateTime: string
  sentDateTime: string
  hasAttachments: boolean
  internetMessageId: string
  subject: string
  bodyPreview: string
  importance: 'low' | 'normal' | 'high'
  parentFolderId: string
  conversationId: string
  /** Base64; 22 bytes for a thread's first message, 5 more per reply. */
  conversationIndex: string
  isDeliveryReceiptRequested: boolean
  isReadReceiptRequested: boolean
  isRead: boolean
  isDraft: boolean
  webLink: string
  inferenceClassification: 'focused' | 'other'
  body: GraphItemBody
  sender: GraphRecipient
  from: GraphRecipient
  toRecipients: GraphRecipient[]
  ccRecipients: GraphRecipient[]
  bccRecipients: GraphRecipient[]
  replyTo: GraphRecipient[]
  flag: GraphFollowupFlag
}

/** Folder names Graph accepts in place of a folder id, e.g. /me/mailFolders/inbox/messages. */
export type WellKnownFolderName =
  'msgfolderroot' | 'inbox' | 'sentitems' | 'drafts' | 'deleteditems' | 'archive'

/** Graph `mailFolder` (v1.0); counts agree with the user's messages. */
export interface SeedMailFolder {
  id: string
  displayName: string
  parentFolderId: string
  childFolderCount: number
  unreadItemCount: number
  totalItemCount: number
  sizeInBytes: number
  isHidden: boolean
}

/** A user's mailbox folders: the top-level folders (children of msgfolderroot) and well-known names. */
export interface SeedMailbox {
  /** The children of the root folder, in Outlook's order (Inbox, Drafts, Sent Items, …). */
  folders: SeedMailFolder[]
  /** Well-known name → folder id; `msgfolderroot` is the (unlisted) parent of `folders`. */
  wellKnownFolderIds: Record<WellKnownFolderName, string>
}

// ---- OneDrive --------------------------------------------------------------------------------------

/** Graph `drive` (v1.0), the user's OneDrive for Business (/me/drive). */
export interface SeedDrive {
  id: string
  driveType: 'business'
  name: string
  description: string
  createdDateTime: string
  lastModifiedDateTime: string
  webUrl: string
  createdBy: { user: { displayName: string } }
  owner: { user: { id: string; displayName: string; email: string } }
  quota: { deleted: number; remaining: number; state: 'normal'; total: number; used: number }
}

/**
 * Graph `driveItem` (v1.0). The drive's root is an item with `root: {}` (and no parentReference
 * id/path beyond the drive); other items point at their parent with `parentReference.id` and
 * `parentReference.path` ("/drive/root:" or "/drive/root:/Projects"). Files have `file`, folders
 * have `folder`. `fileSystemInfo.lastAccessedDateTime` is Graph's own field, which Graph fills only
 * in the /me/drive/recent list: sort by it for /recent and drop it elsewhere.
 */
export interface SeedDriveItem {
  id: string
  name: string
  eTag: string
  cTag: string
  size: number
  webUrl: string
  createdDateTime: string
  lastModifiedDateTime: string
  createdBy: { user: GraphIdentity }
  lastModifiedBy: { user: GraphIdentity }
  parentReference: {
    driveId: string
    driveType: 'business'
    id?: string
    name?: string
    path?: string
  }
  fileSystemInfo: {
    createdDateTime: string
    lastModifiedDateTime: string
    lastAccessedDateTime: string
  }
  file?: { mimeType: string; hashes: { quickXorHash: string } }
  folder?: { childCount: number }
  root?: Record<string, never>
}

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
