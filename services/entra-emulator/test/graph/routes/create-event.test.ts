import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const [priya, marcus] = h.seed.demoUsers
if (!priya || !marcus) throw new Error('seed has too few demo users')
const token = await h.token(priya, { scp: 'Calendars.ReadWrite' })
const event = (over: Record<string, unknown> = {}) => ({
  subject: 'Roadmap review',
  body: { contentType: 'HTML', content: '<p>Agenda to follow</p>' },
  start: { dateTime: '2025-06-10T09:00:00', timeZone: 'Pacific Standard Time' },
  end: { dateTime: '2025-06-10T10:00:00', timeZone: 'Pacific Standard Time' },
  location: { displayName: 'Room 4' },
  attendees: [{ emailAddress: { address: marcus.mail, name: marcus.displayName }, type: 'required' }],
  isOnlineMeeting: true,
  ...over,
})

t.test('POST /me/events → 201 with id, webLink and Location, in the request’s time zone', async (t) => {
  const res = await h.post('/me/events', token, event())
  t.equal(res.status, 201)
  t.match(res.json.id, /^AAMkA/)
  t.match(res.json.webLink, /^https:\/\/outlook\.office365\.com\/owa\/\?itemid=/)
  t.equal(res.headers.get('location'), `${h.base}/Users('${priya.id}')/Events('${res.json.id}')`)
  t.same(res.json.start, { dateTime: '2025-06-10T09:00:00.0000000', timeZone: 'Pacific Standard Time' })
  t.equal(res.json.isOrganizer, true)
  t.equal(res.json.organizer.emailAddress.address, priya.mail)
  t.equal(res.json.attendees[0].status.response, 'none')
  t.match(res.json.onlineMeeting.joinUrl, /^https:\/\/teams\.microsoft\.com\//)
  t.equal(res.json.location.displayName, 'Room 4')
})

t.test(
  'POST events then visible in calendarView (organizer, and invited attendees as tentative)',
  async (t) => {
    const created = await h.post('/me/events', token, event({ subject: 'Visible later' }))
    const view = await h.get(
      '/me/calendarView?startDateTime=2025-06-10T16:30:00Z&endDateTime=2025-06-10T16:45:00Z',
      token,
    )
    t.ok(view.json.value.some((e: { id: string }) => e.id === created.json.id))
    const stored = view.json.value.find((e: { id: string }) => e.id === created.json.id)
    t.same(
      stored.start,
      { dateTime: '2025-06-10T16:00:00.0000000', timeZone: 'UTC' },
      '09:00 PDT is 16:00 UTC',
    )
    const theirs = await h.get(
      '/me/calendarView?startDateTime=2025-06-10T16:00:00Z&endDateTime=2025-06-10T17:00:00Z',
      await h.token(marcus, { scp: 'Calendars.Read' }),
    )
    const invite = theirs.json.value.find((e: { subject: string }) => e.subject === 'Visible later')
    t.ok(invite, 'the attendee has the invitation')
    t.equal(invite.iCalUId, created.json.iCalUId)
    t.not(invite.id, created.json.id)
    t.equal(invite.isOrganizer, false)
    t.equal(invite.showAs, 'tentative')
    const outside = await h.get(
      '/me/calendarView?startDateTime=2025-06-10T17:00:00Z&endDateTime=2025-06-10T18:00:00Z',
      token,
    )
    t.notOk(
      outside.json.value.some((e: { id: string }) => e.id === created.json.id),
      'not outside its span',
    )
  },
)

t.test('POST /me/events validates the Graph event body', async (t) => {
  const noStart = await h.post('/me/events', token, { subject: 'x', end: event().end })
  t.equal(noStart.status, 400)
  t.equal(noStart.json.error.code, 'RequestBodyRead')
  const unknown = await h.post('/me/events', token, event({ colour: 'red' }))
  t.match(unknown.json.error.message, /'colour' does not exist on type 'microsoft.graph.event'/)
  const zone = await h.post(
    '/me/events',
    token,
    event({ start: { dateTime: '2025-06-10T09:00:00', timeZone: 'Mars Standard Time' } }),
  )
  t.equal(zone.json.error.code, 'TimeZoneNotSupportedException')
  const backwards = await h.post(
    '/me/events',
    token,
    event({ end: { dateTime: '2025-06-10T08:00:00', timeZone: 'Pacific Standard Time' } }),
  )
  t.equal(backwards.json.error.code, 'ErrorCalendarEndDateIsEarlierThanStartDate')
  const badTime = await h.post(
    '/me/events',
    token,
    event({ start: { dateTime: 'tomorrow', timeZone: 'UTC' } }),
  )
  t.equal(badTime.status, 400)
  const badAttendee = await h.post(
    '/me/events',
    token,
    event({ attendees: [{ emailAddress: { address: 'nobody' } }] }),
  )
  t.equal(badAttendee.json.error.code, 'ErrorInvalidRecipients')
  const badEnum = await h.post('/me/events', token, event({ showAs: 'sleeping' }))
  t.equal(badEnum.json.error.code, 'RequestBodyRead')
})
