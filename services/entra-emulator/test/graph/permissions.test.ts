import t from 'tap'
import { PERMISSIONS } from '../../src/graph/permissions.js'
import { startGraph } from './helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const messageId = h.seed.messagesByUser.get(priya.id)?.[0]?.id
if (!messageId) throw new Error('seed has no message for the demo user')

// Each endpoint, a scope set that lacks its permission, and the 403 vocabulary of its workload.
const DIRECTORY = {
  code: 'Authorization_RequestDenied',
  message: 'Insufficient privileges to complete the operation.',
}
const OUTLOOK = { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' }
const DRIVE = { code: 'accessDenied', message: 'Access denied' }
const window = 'startDateTime=2025-06-02T00:00:00Z&endDateTime=2025-06-07T00:00:00Z'
const cases: [string, string, string, typeof DIRECTORY, unknown?][] = [
  ['GET', '/me', 'Mail.Read', DIRECTORY],
  ['GET', '/users', 'User.Read', DIRECTORY],
  ['GET', '/me/manager', 'User.Read', DIRECTORY],
  ['GET', '/me/directReports', 'Mail.Read', DIRECTORY],
  ['GET', '/me/memberOf', 'Mail.Read', DIRECTORY],
  ['GET', '/me/people', 'User.Read', OUTLOOK],
  ['GET', `/me/calendarView?${window}`, 'User.Read Mail.Read', OUTLOOK],
  ['GET', '/me/events', 'User.Read', OUTLOOK],
  [
    'POST',
    '/me/events',
    'Calendars.Read',
    OUTLOOK,
    {
      subject: 'x',
      start: { dateTime: '2025-06-10T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2025-06-10T11:00:00', timeZone: 'UTC' },
    },
  ],
  ['POST', '/me/findMeetingTimes', 'User.Read', OUTLOOK, {}],
  ['GET', '/me/messages', 'User.Read Calendars.Read', OUTLOOK],
  ['GET', `/me/messages/${encodeURIComponent(messageId)}`, 'User.Read Calendars.Read', OUTLOOK],
  [
    'POST',
    '/me/sendMail',
    'Mail.Read Mail.ReadWrite',
    OUTLOOK,
    { message: { subject: 'x', toRecipients: [{ emailAddress: { address: 'a@b.example' } }] } },
  ],
  ['GET', '/me/drive/recent', 'User.Read Mail.Read', DRIVE],
  ['GET', "/me/drive/root/search(q='plan')", 'User.Read', DRIVE],
]

t.test(
  'missing scp → 403 Authorization_RequestDenied / ErrorAccessDenied / accessDenied by workload',
  async (t) => {
    for (const [method, path, scp, expected, body] of cases) {
      const token = await h.token(priya, { scp })
      const res = method === 'GET' ? await h.get(path, token) : await h.post(path, token, body)
      t.equal(res.status, 403, `${method} ${path}`)
      t.equal(res.json?.error?.code, expected.code, `${method} ${path}`)
      t.equal(res.json?.error?.message, expected.message, `${method} ${path}`)
    }
  },
)

t.test('every permission in the table admits a request (any one suffices, case-insensitively)', async (t) => {
  const probes: Record<keyof typeof PERMISSIONS, string> = {
    me: '/me',
    users: '/users?$top=1',
    manager: '/me/manager',
    directReports: '/me/directReports',
    memberOf: '/me/memberOf',
    people: '/me/people',
    calendarRead: '/me/events?$top=1',
    calendarWrite: '',
    findMeetingTimes: '',
    mailRead: '/me/messages?$top=1',
    mailSend: '',
    driveRead: '/me/drive/recent',
  }
  for (const [name, rule] of Object.entries(PERMISSIONS)) {
    const path = probes[name as keyof typeof PERMISSIONS]
    if (!path) continue
    for (const scope of rule.anyOf) {
      const res = await h.get(path, await h.token(priya, { scp: `openid ${scope.toLowerCase()}` }))
      t.not(res.status, 403, `${name} with ${scope}`)
    }
  }
})

t.test('Mail.ReadBasic reads messages without body or bodyPreview', async (t) => {
  const res = await h.get('/me/messages?$top=3', await h.token(priya, { scp: 'Mail.ReadBasic' }))
  t.equal(res.status, 200)
  t.ok(res.json.value.length > 0)
  for (const m of res.json.value) {
    t.notOk('body' in m)
    t.notOk('bodyPreview' in m)
    t.ok(m.subject !== undefined)
  }
  const full = await h.get('/me/messages?$top=1', await h.token(priya, { scp: 'Mail.Read' }))
  t.ok('body' in full.json.value[0])
})
