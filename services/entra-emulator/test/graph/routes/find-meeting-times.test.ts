import t from 'tap'
import type { SeedEvent } from '../../../src/seed/types.js'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const [priya, marcus] = h.seed.demoUsers
if (!priya || !marcus) throw new Error('seed has too few demo users')
const token = await h.token(priya, { scp: 'Calendars.Read.Shared' })
const busy = (events: readonly SeedEvent[]) =>
  events
    .filter((e) => !e.isCancelled && (e.showAs === 'busy' || e.showAs === 'oof'))
    .map((e) => ({
      start: Date.parse(`${e.start.dateTime.slice(0, 19)}Z`),
      end: Date.parse(`${e.end.dateTime.slice(0, 19)}Z`),
    }))
const slot = (s: { meetingTimeSlot: { start: { dateTime: string }; end: { dateTime: string } } }) => ({
  start: Date.parse(`${s.meetingTimeSlot.start.dateTime.slice(0, 19)}Z`),
  end: Date.parse(`${s.meetingTimeSlot.end.dateTime.slice(0, 19)}Z`),
})
const request = (over: Record<string, unknown> = {}) => ({
  attendees: [{ type: 'required', emailAddress: { name: marcus.displayName, address: marcus.mail } }],
  timeConstraint: {
    activityDomain: 'work',
    timeSlots: [
      {
        start: { dateTime: '2025-06-04T08:00:00', timeZone: 'UTC' },
        end: { dateTime: '2025-06-06T17:00:00', timeZone: 'UTC' },
      },
    ],
  },
  meetingDuration: 'PT1H',
  maxCandidates: 100,
  ...over,
})

t.test(
  'findMeetingTimes returns slots not overlapping busy events of the organizer or required attendees',
  async (t) => {
    const res = await h.post('/me/findMeetingTimes', token, request())
    t.equal(res.status, 200)
    t.equal(res.json.emptySuggestionsReason, '')
    const suggestions = res.json.meetingTimeSuggestions
    t.ok(suggestions.length > 0)
    const blocked = [
      ...busy(h.seed.eventsByUser.get(priya.id) ?? []),
      ...busy(h.seed.eventsByUser.get(marcus.id) ?? []),
    ]
    t.ok(blocked.length > 0, 'the calendars have busy time in the window')
    for (const s of suggestions) {
      const { start, end } = slot(s)
      t.equal(end - start, 3_600_000, 'the requested duration')
      t.ok(start >= h.clock.now, 'never in the past')
      t.notOk(
        blocked.some((b) => b.start < end && b.end > start),
        `no overlap at ${s.meetingTimeSlot.start.dateTime}`,
      )
      const hour = new Date(start).getUTCHours()
      t.ok(
        hour >= 8 && new Date(end).getUTCHours() + new Date(end).getUTCMinutes() / 60 <= 17,
        'within working hours',
      )
      t.equal(s.attendeeAvailability[0].attendee.emailAddress.address, marcus.mail)
      t.ok(['free', 'tentative', 'workingElsewhere'].includes(s.organizerAvailability))
    }
    const starts = suggestions.map((s: Parameters<typeof slot>[0]) => slot(s).start)
    t.same(
      starts,
      [...starts].sort((a: number, b: number) => a - b),
      'in time order',
    )
  },
)

t.test('findMeetingTimes: an all-busy window → no suggestions with emptySuggestionsReason', async (t) => {
  const blocker = (h.seed.eventsByUser.get(priya.id) ?? []).find(
    (e) =>
      e.showAs === 'busy' && !e.isCancelled && Date.parse(`${e.start.dateTime.slice(0, 19)}Z`) >= h.clock.now,
  )
  if (!blocker) throw new Error('no busy event')
  const res = await h.post(
    '/me/findMeetingTimes',
    token,
    request({
      attendees: [],
      meetingDuration: 'PT15M',
      timeConstraint: {
        activityDomain: 'unrestricted',
        timeSlots: [{ start: blocker.start, end: blocker.end }],
      },
    }),
  )
  t.equal(res.status, 200)
  t.same(res.json.meetingTimeSuggestions, [])
  t.equal(res.json.emptySuggestionsReason, 'organizerUnavailable')
})

t.test('findMeetingTimes: a meeting created with POST /me/events blocks its slot', async (t) => {
  const write = await h.token(priya, { scp: 'Calendars.ReadWrite' })
  const window = {
    start: { dateTime: '2025-06-09T09:00:00', timeZone: 'UTC' },
    end: { dateTime: '2025-06-09T11:00:00', timeZone: 'UTC' },
  }
  const before = await h.post(
    '/me/findMeetingTimes',
    token,
    request({ attendees: [], meetingDuration: 'PT30M', timeConstraint: { timeSlots: [window] } }),
  )
  const created = await h.post('/me/events', write, {
    subject: 'Focus',
    start: window.start,
    end: { dateTime: '2025-06-09T10:00:00', timeZone: 'UTC' },
  })
  t.equal(created.status, 201)
  const after = await h.post(
    '/me/findMeetingTimes',
    token,
    request({ attendees: [], meetingDuration: 'PT30M', timeConstraint: { timeSlots: [window] } }),
  )
  const startsBefore = before.json.meetingTimeSuggestions.map(
    (s: Parameters<typeof slot>[0]) => slot(s).start,
  )
  const startsAfter = after.json.meetingTimeSuggestions.map((s: Parameters<typeof slot>[0]) => slot(s).start)
  t.ok(startsBefore.includes(Date.parse('2025-06-09T09:00:00Z')))
  t.notOk(startsAfter.some((s: number) => s < Date.parse('2025-06-09T10:00:00Z')))
  t.ok(startsAfter.includes(Date.parse('2025-06-09T10:00:00Z')))
})

t.test(
  'findMeetingTimes validates meetingDuration, time zones and body properties; Prefer zone applies',
  async (t) => {
    t.equal(
      (await h.post('/me/findMeetingTimes', token, request({ meetingDuration: 'one hour' }))).status,
      400,
    )
    const zone = await h.post(
      '/me/findMeetingTimes',
      token,
      request({
        timeConstraint: {
          timeSlots: [
            {
              start: { dateTime: '2025-06-04T08:00:00', timeZone: 'Nowhere' },
              end: { dateTime: '2025-06-04T09:00:00', timeZone: 'UTC' },
            },
          ],
        },
      }),
    )
    t.equal(zone.json.error.code, 'TimeZoneNotSupportedException')
    const unknown = await h.post('/me/findMeetingTimes', token, request({ colour: 'red' }))
    t.equal(unknown.json.error.code, 'RequestBodyRead')
    const pacific = await h.post('/me/findMeetingTimes', token, request(), {
      Prefer: 'outlook.timezone="Pacific Standard Time"',
    })
    t.equal(pacific.json.meetingTimeSuggestions[0].meetingTimeSlot.start.timeZone, 'Pacific Standard Time')
  },
)
