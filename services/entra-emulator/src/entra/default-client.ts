// The delegated Graph permissions the built-in demo app registration has, covering every tool.
export const DEFAULT_GRAPH_PERMISSIONS: readonly string[] = [
  'User.Read',
  'User.ReadBasic.All',
  'User.Read.All',
  'People.Read',
  'Calendars.ReadWrite',
  'Mail.ReadWrite',
  'Mail.Send',
  'Files.Read',
  'GroupMember.Read.All',
]
