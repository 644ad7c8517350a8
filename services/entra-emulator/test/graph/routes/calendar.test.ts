import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const token = await h.token(priya, { scp: 'Calendars.Read' })
const events = h.seed.eventsByUser.get(priya.id) ?? []
const utc = (local: string) => Date.parse(`${local.slice(0, 19)}Z`)

t.test('calendarView returns exactly the events overlapping the window', async (t) => {
  const start = '2025-06-04T09:00:00Z'
  const end = '2025-06-05T13:00:00Z'
  const res = await h.get(`/me/calendarView?startDateTime=${start}&endDateTime=${end}&$top=100`, token)
  t.equal(res.status, 200)
  const expected = events.filter(
    (e) => utc(e.start.dateTime) < Date.parse(end) && utc(e.end.dateTime) > Date.parse(start),
  )
  t.ok(expected.length > 0)
  t.same(res.json.value.map((e: { id: string }) => e.id).sort(), expected.map((e) => e.id).sort())
  t.equal(res.json.value[0].start.timeZone, 'UTC')
})

t.test(
  'calendarView without startDateTime/endDateTime or with bad values → 400 ErrorInvalidParameter',
  async (t) => {
    for (const query of [
      '',
      '?startDateTime=2025-06-04T00:00:00Z',
      '?endDateTime=2025-06-04T00:00:00Z',
      '?startDateTime=soon&endDateTime=later',
      '?startDateTime=2025-06-05T00:00:00Z&endDateTime=2025-06-04T00:00:00Z',
    ]) {
      const res = await h.get(`/me/calendarView${query}`, token)
      t.equal(res.status, 400, query)
      t.equal(res.json.error.code, 'ErrorInvalidParameter', query)
    }
  },
)

t.test(
  'calendarView: times without an offset are UTC; the parameter names are case-insensitive',
  async (t) => {
    const a = await h.get(
      '/me/calendarView?startDateTime=2025-06-02T00:00:00&endDateTime=2025-06-03T00:00:00',
      token,
    )
    const b = await h.get(
      '/me/calendarView?StartDateTime=2025-06-02T00:00:00Z&EndDateTime=2025-06-03T00:00:00Z',
      token,
    )
    t.same(
      a.json.value.map((e: { id: string }) => e.id),
      b.json.value.map((e: { id: string }) => e.id),
    )
  },
)

t.test('Prefer: outlook.timezone converts start/end and is acknowledged in Preference-Applied', async (t) => {
  const res = await h.get(
    '/me/calendarView?startDateTime=2025-06-02T00:00:00Z&endDateTime=2025-06-03T00:00:00Z&$top=1',
    token,
    {
      Prefer: 'outlook.timezone="Pacific Standard Time"',
    },
  )
  t.equal(res.headers.get('preference-applied'), 'outlook.timezone="Pacific Standard Time"')
  const first = events.find((e) => e.id === res.json.value[0].id)
  if (!first) throw new Error('unknown event')
  t.equal(res.json.value[0].start.timeZone, 'Pacific Standard Time')
  t.equal(Date.parse(`${res.json.value[0].start.dateTime.slice(0, 19)}-07:00`), utc(first.start.dateTime))
})

t.test(
  '/me/events: 10 a page, $orderby start/dateTime, $filter, $select; /me/events/{id} and 404',
  async (t) => {
    const page = await h.get('/me/events', token)
    t.equal(page.json.value.length, Math.min(10, events.length))
    const ordered = await h.get(
      '/me/events?$orderby=start/dateTime desc&$top=100&$select=subject,start',
      token,
    )
    const starts = ordered.json.value.map((e: { start: { dateTime: string } }) => e.start.dateTime)
    t.same(starts, [...starts].sort().reverse())
    t.same(Object.keys(ordered.json.value[0]).sort(), ['@odata.etag', 'id', 'start', 'subject'])
    const busy = await h.get(`/me/events?$top=100&$filter=${encodeURIComponent("showAs eq 'busy'")}`, token)
    t.equal(busy.json.value.length, events.filter((e) => e.showAs === 'busy').length)
    const one = await h.get(`/me/events/${encodeURIComponent(events[0]?.id ?? '')}`, token)
    t.equal(one.json.subject, events[0]?.subject)
    const missing = await h.get('/me/events/AAMkAmissing', token)
    t.equal(missing.status, 404)
    t.equal(missing.json.error.code, 'ErrorItemNotFound')
  },
)
