// Which delegated permissions (the token's `scp`) allow each operation, least to most privileged, as
// listed under "Permissions" on each API's page in the Graph v1.0 reference. Any one suffices; Graph
// compares permission names case-insensitively. The workload decides the 403's vocabulary.
import { accessDenied } from './errors.js'
import type { GraphWorkload } from './errors.js'

export interface Permission {
  workload: GraphWorkload
  anyOf: readonly string[]
}

const USER_READ_ANY = [
  'User.ReadBasic.All',
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
]
const CALENDAR_READ = ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite']
const MAIL_READ = ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite']
const FILES_READ = [
  'Files.Read',
  'Files.ReadWrite',
  'Files.Read.All',
  'Files.ReadWrite.All',
  'Sites.Read.All',
  'Sites.ReadWrite.All',
]

export const PERMISSIONS = {
  // user-get: the signed-in user's own profile.
  me: { workload: 'directory', anyOf: ['User.Read', 'User.ReadWrite', ...USER_READ_ANY] },
  // user-list and user-get for another user.
  users: { workload: 'directory', anyOf: USER_READ_ANY },
  // user-list-manager: User.Read is not enough to read a manager.
  manager: {
    workload: 'directory',
    anyOf: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  // user-list-directreports and user-list-memberof for /me accept User.Read.
  directReports: {
    workload: 'directory',
    anyOf: [
      'User.Read',
      'User.ReadWrite.All',
      'User.Read.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
  },
  memberOf: {
    workload: 'directory',
    anyOf: [
      'User.Read',
      'GroupMember.Read.All',
      'Group.Read.All',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
  },
  // user-list-people: the People API sits on the Outlook substrate.
  people: { workload: 'outlook', anyOf: ['People.Read', 'People.Read.All'] },
  calendarRead: { workload: 'outlook', anyOf: CALENDAR_READ },
  calendarWrite: { workload: 'outlook', anyOf: ['Calendars.ReadWrite'] },
  // user-findmeetingtimes: the .Shared variants read attendees' free/busy.
  findMeetingTimes: {
    workload: 'outlook',
    anyOf: ['Calendars.Read.Shared', 'Calendars.ReadWrite.Shared', 'Calendars.Read', 'Calendars.ReadWrite'],
  },
  // Mail.ReadBasic reads messages without body, bodyPreview and attachments.
  mailRead: { workload: 'outlook', anyOf: MAIL_READ },
  mailSend: { workload: 'outlook', anyOf: ['Mail.Send'] },
  driveRead: { workload: 'drive', anyOf: FILES_READ },
} as const satisfies Record<string, Permission>

export type PermissionName = keyof typeof PERMISSIONS

/** Throws the workload's 403 unless one of the token's scopes allows the operation. */
export function requirePermission(name: PermissionName, scopes: readonly string[]): void {
  const granted = new Set(scopes.map((s) => s.toLowerCase()))
  const rule: Permission = PERMISSIONS[name]
  if (!rule.anyOf.some((p) => granted.has(p.toLowerCase()))) throw accessDenied(rule.workload)
}

/** True when the only mail permission granted is Mail.ReadBasic (no body, bodyPreview). */
export function mailBasicOnly(scopes: readonly string[]): boolean {
  const granted = new Set(scopes.map((s) => s.toLowerCase()))
  return granted.has('mail.readbasic') && !granted.has('mail.read') && !granted.has('mail.readwrite')
}
