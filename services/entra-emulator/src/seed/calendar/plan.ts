// Plans the seeded week around the demo users: daily stand-ups of every team a demo user sits in
// (so each has events Monday to Friday), weekly team syncs, 1:1s with managers and reports, a pilot
// kickoff with all demo users, and per demo user a cross-functional meeting, a lunch, an all-day
// event and a meeting its organizer cancelled. Colleagues come from the org chart and the people
// rankings, so every attendee is a seeded user of the same tenant.
import { createRng } from '../random.js'
import { DAY, MINUTE } from '../week.js'
import { allDayTopic, cancelledTopics, crossFunctionalTopics, LUNCH_PLACES, ROOMS } from './topics.js'
import {
  createScheduler,
  DAY_START_HOUR,
  SLOT_MINUTES,
  SLOTS_PER_DAY,
  slotAt,
  slotsBetween,
  WORK_DAYS,
} from './scheduler.js'
import type { OrgIndex } from '../org/org-index.js'
import type { SeedPersonRank, SeedUser } from '../types.js'
import type { Meeting } from './meeting.js'
import type { Slot } from './scheduler.js'

export interface PlanInput {
  org: OrgIndex
  demoUsers: readonly SeedUser[]
  teamNameByManager: ReadonlyMap<string, string>
  peopleByUser: ReadonlyMap<string, SeedPersonRank[]>
}

const ALL_DAYS = [0, 1, 2, 3, 4]
const offsetOf = (at: Slot): number =>
  at.day * DAY + DAY_START_HOUR * 60 * MINUTE + at.slot * SLOT_MINUTES * MINUTE

export function planWeek(input: PlanInput): Meeting[] {
  const { org, demoUsers } = input
  const sched = createScheduler()
  const meetings: Meeting[] = []
  const first = (id: string) => org.get(id).givenName

  const add = (
    m: Omit<
      Meeting,
      'startOffset' | 'endOffset' | 'allDay' | 'cancelled' | 'allAccepted' | 'showAs' | 'sensitivity'
    > &
      Partial<Meeting>,
    at: Slot,
    slots: number,
  ) => {
    const startOffset = offsetOf(at)
    meetings.push({
      allDay: false,
      cancelled: false,
      allAccepted: false,
      showAs: 'busy',
      sensitivity: 'normal',
      ...m,
      startOffset,
      endOffset: startOffset + slots * SLOT_MINUTES * MINUTE,
    })
  }

  // Teams a demo user belongs to (their manager's) or leads.
  const teamLeads: string[] = []
  for (const d of demoUsers) {
    for (const lead of [d.managerId, org.reports(d.id).length > 0 ? d.id : null]) {
      if (lead !== null && !teamLeads.includes(lead)) teamLeads.push(lead)
    }
  }
  const teamName = (lead: string) => input.teamNameByManager.get(lead) ?? `${first(lead)}'s team`
  const members = (lead: string) => org.reports(lead).map((u) => u.id)

  // 1. Daily stand-ups at the same time every day; deeper teams meet later so leads attend both.
  for (const lead of teamLeads) {
    const everyone = [lead, ...members(lead)]
    const preferred = slotAt(8, 30) + 2 * org.depth(lead)
    const slot = [...Array(SLOTS_PER_DAY).keys()]
      .map((i) => (preferred + i) % SLOTS_PER_DAY)
      .find((s) => ALL_DAYS.every((day) => sched.isFree(everyone, { day, slot: s }, 1)))
    if (slot === undefined) throw new Error(`seed: no stand-up slot for ${teamName(lead)}`)
    for (const day of ALL_DAYS) {
      sched.reserve(everyone, { day, slot }, 1)
      add(
        {
          key: `standup:${lead}:${day}`,
          subject: `${teamName(lead)} stand-up`,
          agenda: 'Yesterday, today, blockers. Keep it to fifteen minutes.',
          organizerId: lead,
          attendeeIds: members(lead),
          online: true,
          place: null,
          allAccepted: true,
        },
        { day, slot },
        1,
      )
    }
  }

  // 2. Weekly team syncs, Tuesday to Thursday, in a room.
  for (const lead of teamLeads) {
    const rng = createRng(`sync:${lead}`)
    const everyone = [lead, ...members(lead)]
    const at = sched.book(
      everyone,
      rng.shuffle(slotsBetween([1, 2, 3], slotAt(10), slotAt(16))),
      4,
      'team sync',
    )
    add(
      {
        key: `sync:${lead}`,
        subject: `${teamName(lead)} weekly sync`,
        agenda: 'Priorities for the week, metrics, risks and announcements.',
        organizerId: lead,
        attendeeIds: members(lead),
        online: true,
        place: rng.pick(ROOMS),
      },
      at,
      4,
    )
  }

  // 3. 1:1s: each demo user with their manager, and demo managers with each report.
  const pairs: [string, string][] = []
  for (const d of demoUsers) {
    if (d.managerId !== null) pairs.push([d.managerId, d.id])
    for (const r of org.reports(d.id)) pairs.push([d.id, r.id])
  }
  const seenPairs = new Set<string>()
  for (const [manager, report] of pairs) {
    if (seenPairs.has(`${manager}:${report}`)) continue
    seenPairs.add(`${manager}:${report}`)
    const rng = createRng(`1on1:${manager}:${report}`)
    const at = sched.book(
      [manager, report],
      rng.shuffle(slotsBetween(ALL_DAYS, slotAt(13), slotAt(17))),
      2,
      '1:1',
    )
    add(
      {
        key: `1on1:${manager}:${report}`,
        subject: `${first(manager)} / ${first(report)} 1:1`,
        agenda: 'Weekly check-in: priorities, feedback, career.',
        organizerId: manager,
        attendeeIds: [report],
        online: true,
        place: null,
      },
      at,
      2,
    )
  }

  // 4. One meeting with every demo user, organised by the head of IT (a non-demo user).
  const cio = org.department('IT Operations').find((u) => org.depth(u.id) === 1)
  if (cio && demoUsers.length > 0) {
    const everyone = [cio.id, ...demoUsers.map((u) => u.id)]
    const at = sched.book(everyone, slotsBetween([0, 1], slotAt(10), slotAt(16)), 3, 'pilot kickoff')
    add(
      {
        key: 'mcp-pilot-kickoff',
        subject: 'MCP connector pilot kickoff',
        agenda:
          'Goals of the pilot, how to connect your AI assistant to Microsoft 365, and how to give feedback.',
        organizerId: cio.id,
        attendeeIds: demoUsers.map((u) => u.id),
        online: true,
        place: 'Conf Room Rainier',
      },
      at,
      3,
    )
  }

  // 5. Per demo user: cross-functional meeting, lunch, cancelled meeting, all-day event.
  for (const d of demoUsers) {
    const rng = createRng(`week:${d.id}`)
    const ranking = input.peopleByUser.get(d.id) ?? []
    const elsewhere = ranking.map((p) => org.get(p.userId)).filter((u) => u.department !== d.department)
    const colleagues = ranking.map((p) => p.userId)

    const guests = rng
      .shuffle(elsewhere)
      .slice(0, rng.int(3, 5))
      .map((u) => u.id)
    const topic = rng.pick(crossFunctionalTopics(d.department))
    const organizer = rng.chance(0.5) ? d.id : (guests[0] ?? d.id)
    const crossAttendees = [d.id, ...guests].filter((id) => id !== organizer)
    const crossAt = sched.book(
      [organizer, ...crossAttendees],
      rng.shuffle(slotsBetween(ALL_DAYS, slotAt(9), slotAt(16))),
      4,
      'cross-functional meeting',
    )
    add(
      {
        key: `cross:${d.id}`,
        ...topic,
        organizerId: organizer,
        attendeeIds: crossAttendees,
        online: true,
        place: rng.pick(ROOMS),
      },
      crossAt,
      4,
    )

    const buddy = org.peers(d.id)[0]?.id ?? colleagues[0]
    if (buddy !== undefined) {
      const lunchAt = sched.book(
        [d.id, buddy],
        rng.shuffle(ALL_DAYS).map((day) => ({ day, slot: slotAt(12) })),
        4,
        'lunch',
      )
      add(
        {
          key: `lunch:${d.id}`,
          subject: `Lunch with ${first(buddy)}`,
          agenda: 'Catch up over lunch.',
          organizerId: d.id,
          attendeeIds: [buddy],
          online: false,
          place: rng.pick(LUNCH_PLACES),
          sensitivity: 'personal',
        },
        lunchAt,
        4,
      )
    }

    const canceller = colleagues.find((id) => !org.get(id).demo)
    if (canceller !== undefined) {
      const others = rng.shuffle(colleagues.filter((id) => id !== canceller)).slice(0, 2)
      const attendees = [d.id, ...others]
      const at = sched.book(
        [canceller, ...attendees],
        rng.shuffle(slotsBetween(ALL_DAYS, slotAt(9), slotAt(16))),
        2,
        'cancelled meeting',
      )
      // Booked like any meeting so the week stays tidy, although Graph shows it as free time.
      add(
        {
          key: `cancelled:${d.id}`,
          ...rng.pick(cancelledTopics()),
          organizerId: canceller,
          attendeeIds: attendees,
          online: true,
          place: null,
          cancelled: true,
          showAs: 'free',
        },
        at,
        2,
      )
    }

    const day = rng.int(0, WORK_DAYS - 1)
    meetings.push({
      key: `allday:${d.id}`,
      ...allDayTopic(d.department),
      organizerId: d.id,
      attendeeIds: [],
      startOffset: day * DAY,
      endOffset: (day + 1) * DAY,
      allDay: true,
      cancelled: false,
      online: false,
      place: null,
      allAccepted: false,
      showAs: d.department === 'Sales' ? 'workingElsewhere' : 'free',
      sensitivity: 'normal',
    })
  }
  return meetings
}
