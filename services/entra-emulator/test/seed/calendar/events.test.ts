import t from 'tap'
import { ANCHOR, loadSeed } from '../fixture.js'
import type { SeedEvent } from '../../../src/seed/index.js'

const { seed, byMail } = loadSeed()
const DAY = 86_400_000
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.0000000$/
const ms = (dt: string) => Date.parse(`${dt}Z`)
const allEvents = [...seed.eventsByUser.entries()].flatMap(([owner, events]) =>
  events.map((e) => ({ owner, e })),
)

t.test('calendar: every demo user has events on each weekday of the current week', async (t) => {
  for (const u of seed.demoUsers) {
    const days = new Set(
      (seed.eventsByUser.get(u.id) ?? [])
        .filter((e) => !e.isCancelled)
        .map((e) => Math.floor((ms(e.start.dateTime) - ANCHOR) / DAY)),
    )
    t.same([...days].sort(), [0, 1, 2, 3, 4], u.displayName)
  }
})

t.test('calendar: every event lies in the current week, timed events within 08:00-17:00 UTC', async (t) => {
  for (const { e } of allEvents) {
    const start = ms(e.start.dateTime)
    const end = ms(e.end.dateTime)
    if (!(start >= ANCHOR && end <= ANCHOR + 5 * DAY && end > start)) t.fail(`${e.subject} outside the week`)
    if (!e.isAllDay) {
      const from = (start - ANCHOR) % DAY
      const to = (end - ANCHOR) % DAY
      if (from < 8 * 3_600_000 || to > 17 * 3_600_000 || to <= from)
        t.fail(`${e.subject} outside business hours`)
    } else if ((start - ANCHOR) % DAY !== 0 || end - start !== DAY) {
      t.fail(`${e.subject}: all-day event not midnight to midnight`)
    }
  }
  t.ok(allEvents.length > 0)
})

t.test('calendar: events have Graph shapes (UTC dateTimeTimeZone, ticks, online meeting info)', async (t) => {
  for (const { e } of allEvents) {
    const problems = [
      LOCAL.test(e.start.dateTime) && LOCAL.test(e.end.dateTime) ? '' : 'dateTime format',
      e.start.timeZone === 'UTC' && e.end.timeZone === 'UTC' ? '' : 'timeZone',
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/.test(e.createdDateTime) ? '' : 'createdDateTime',
      e.lastModifiedDateTime >= e.createdDateTime ? '' : 'lastModified before created',
      e.isOnlineMeeting === (e.onlineMeeting !== null) ? '' : 'onlineMeeting',
      e.isOnlineMeeting
        ? e.onlineMeeting?.joinUrl.startsWith('https://teams.microsoft.com/')
          ? ''
          : 'joinUrl'
        : '',
      e.location.displayName === (e.locations[0]?.displayName ?? '') ? '' : 'location vs locations',
      e.type === 'singleInstance' && e.recurrence === null ? '' : 'type',
      /^040000008200E00074C5B7101A82E008[0-9A-F]+$/.test(e.iCalUId) ? '' : 'iCalUId',
      e.body.contentType === 'html' && e.bodyPreview.length > 0 && e.bodyPreview.length <= 255 ? '' : 'body',
    ].filter(Boolean)
    if (problems.length > 0) t.fail(`${e.subject}: ${problems.join(', ')}`)
  }
  t.pass('checked every event')
})

t.test('calendar: organizer and attendees are seed users of the calendar owner’s tenant', async (t) => {
  for (const { owner, e } of allEvents) {
    const tenantId = seed.users.find((u) => u.id === owner)?.tenantId ?? ''
    for (const who of [e.organizer, ...e.attendees]) {
      const u = byMail(tenantId, who.emailAddress.address)
      if (!u || u.displayName !== who.emailAddress.name)
        t.fail(`${e.subject}: ${who.emailAddress.address} is not a seed user`)
    }
    if (e.attendees.some((a) => a.emailAddress.address === e.organizer.emailAddress.address)) {
      t.fail(`${e.subject}: organizer listed as attendee`)
    }
  }
  t.pass('checked every event')
})

t.test('calendar: a meeting is in each participant’s calendar once, sharing its iCalUId', async (t) => {
  const byUid = new Map<string, { owner: string; e: SeedEvent }[]>()
  for (const x of allEvents) byUid.set(x.e.iCalUId, [...(byUid.get(x.e.iCalUId) ?? []), x])
  let shared = 0
  for (const [uid, copies] of byUid) {
    const first = copies[0]?.e
    if (!first) continue
    const tenantId = seed.users.find((u) => u.id === copies[0]?.owner)?.tenantId ?? ''
    const organizer = byMail(tenantId, first.organizer.emailAddress.address)
    const attendees = first.attendees.map((a) => byMail(tenantId, a.emailAddress.address)?.id)
    const expected = [...(first.isCancelled ? [] : [organizer?.id]), ...attendees].sort()
    t.same(
      copies.map((c) => c.owner).sort(),
      expected,
      `${first.subject} (${uid.slice(-8)}) in each participant’s calendar`,
    )
    t.equal(new Set(copies.map((c) => c.e.id)).size, copies.length, 'each copy has its own id')
    for (const { owner, e } of copies) {
      t.same(
        [e.subject, e.start, e.end, e.attendees],
        [first.subject, first.start, first.end, first.attendees],
      )
      t.equal(e.isOrganizer, owner === organizer?.id)
      const mine = e.attendees.find((a) => byMail(tenantId, a.emailAddress.address)?.id === owner)
      t.same(
        e.responseStatus,
        e.isOrganizer ? { response: 'organizer', time: '0001-01-01T00:00:00Z' } : mine?.status,
      )
    }
    if (copies.length > 1) shared++
  }
  t.ok(shared >= 10, `${shared} meetings shared by several calendars`)
})

t.test('calendar: a cancelled meeting says so and is absent from its organizer’s calendar', async (t) => {
  const cancelled = allEvents.filter(({ e }) => e.isCancelled)
  t.ok(cancelled.length > 0)
  for (const { owner, e } of cancelled) {
    t.ok(e.subject.startsWith('Canceled: '), e.subject)
    t.equal(e.showAs, 'free')
    t.not(seed.users.find((u) => u.id === owner)?.mail, e.organizer.emailAddress.address)
  }
})

t.test('calendar: each demo user has a cancelled meeting, an all-day event, a lunch and a 1:1', async (t) => {
  for (const u of seed.demoUsers) {
    const events = seed.eventsByUser.get(u.id) ?? []
    t.ok(
      events.some((e) => e.isCancelled),
      `${u.displayName}: cancelled`,
    )
    t.ok(
      events.some((e) => e.isAllDay),
      `${u.displayName}: all-day`,
    )
    t.ok(
      events.some((e) => e.subject.startsWith('Lunch with ')),
      `${u.displayName}: lunch`,
    )
    t.ok(
      events.some((e) => e.subject.endsWith(' 1:1')),
      `${u.displayName}: 1:1`,
    )
  }
})

t.test('calendar: nobody is double-booked in timed, non-cancelled meetings', async (t) => {
  for (const [owner, events] of seed.eventsByUser) {
    const timed = events.filter((e) => !e.isAllDay && !e.isCancelled)
    for (let i = 1; i < timed.length; i++) {
      const prev = timed[i - 1]
      const cur = timed[i]
      if (prev && cur && ms(cur.start.dateTime) < ms(prev.end.dateTime)) {
        t.fail(`${owner}: ${prev.subject} overlaps ${cur.subject}`)
      }
    }
  }
  t.pass('checked every calendar')
})

t.test('calendar: events are ordered by start', async (t) => {
  for (const events of seed.eventsByUser.values()) {
    const starts = events.map((e) => e.start.dateTime)
    t.same(starts, [...starts].sort())
  }
})
