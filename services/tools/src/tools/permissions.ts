// Delegated Graph permissions that allow each operation (any one suffices), least privileged first,
// as listed under "Permissions" on each API's page of the Graph v1.0 reference.

const USER_READ_ANY = [
  'User.ReadBasic.All',
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
] as const

export const PERMISSIONS = {
  // user-get for /me
  me: ['User.Read', 'User.ReadWrite', ...USER_READ_ANY],
  // user-list, user-get for another user
  users: USER_READ_ANY,
  // user-list-manager: User.Read is not enough
  manager: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  directReports: [
    'User.Read',
    'User.ReadWrite.All',
    'User.Read.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  memberOf: [
    'User.Read',
    'GroupMember.Read.All',
    'Group.Read.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  people: ['People.Read', 'People.Read.All'],
  calendarRead: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  calendarWrite: ['Calendars.ReadWrite'],
  findMeetingTimes: [
    'Calendars.Read.Shared',
    'Calendars.ReadWrite.Shared',
    'Calendars.Read',
    'Calendars.ReadWrite',
  ],
  // Mail.ReadBasic lists messages without bodyPreview; reading a body needs Mail.Read.
  mailList: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
  mailRead: ['Mail.Read', 'Mail.ReadWrite'],
  mailSend: ['Mail.Send'],
  filesRead: [
    'Files.Read',
    'Files.ReadWrite',
    'Files.Read.All',
    'Files.ReadWrite.All',
    'Sites.Read.All',
    'Sites.ReadWrite.All',
  ],
} as const satisfies Record<string, readonly string[]>
