// Arguments that make each read tool do real work against the emulator's seed, for tests that call
// every tool once through a real client. The set of names is checked against tools/list, so a new
// read tool without an entry here fails the test instead of going untested.
export type CallTool = (name: string, args: Record<string, unknown>) => Promise<{ isError?: boolean }>

const DAY_MS = 86_400_000
const COLLEAGUE = 'marcus.chen@contoso.example'

export async function readToolArguments(
  call: (name: string, args: Record<string, unknown>) => Promise<{ structuredContent?: unknown }>,
  me: string,
): Promise<Record<string, Record<string, unknown>>> {
  const now = Date.now()
  const nextWeek = new Date(now + 7 * DAY_MS).toISOString()
  const inTwoWeeks = new Date(now + 11 * DAY_MS).toISOString()
  // getMessage needs an id only listMessages knows.
  const listed = (await call('listMessages', { pageSize: 1 })).structuredContent as
    { items?: { id: string }[] } | undefined
  const messageId = listed?.items?.[0]?.id
  if (messageId === undefined) throw new Error('listMessages gave no message to read')
  return {
    add: { a: 2, b: 40 },
    getUserProfile: {},
    listUsers: { pageSize: 5 },
    searchPeople: { query: 'marcus' },
    getUser: { user: me },
    getManager: {},
    listDirectReports: { pageSize: 10 },
    listMyGroups: { pageSize: 10 },
    listCalendarEvents: { start: new Date(now - DAY_MS).toISOString(), end: nextWeek, pageSize: 10 },
    findMeetingTimes: { attendees: [COLLEAGUE], durationMinutes: 30, start: nextWeek, end: inTwoWeeks },
    listMessages: { pageSize: 5 },
    getMessage: { id: messageId },
    searchFiles: { query: 'report' },
    listRecentFiles: { pageSize: 5 },
  }
}
