// Plans one mailbox: conversation threads with colleagues drawn from the owner's people ranking
// (most relevant people write most), the owner's replies (Sent Items), and a few company-wide
// announcements. Times fall in the three weeks before the week anchor, on business hours.
import { createRng } from '../random.js'
import { DAY, HOUR, MINUTE } from '../week.js'
import { ANNOUNCEMENTS, threadTemplates } from './templates.js'
import type { OrgIndex } from '../org/org-index.js'
import type { GraphEmailAddress, SeedPersonRank, SeedUser } from '../types.js'

export interface PlannedMessage {
  key: string
  threadKey: string
  /** 0 for a thread's first message. */
  position: number
  subject: string
  lines: readonly string[]
  fromId: string
  toIds: string[]
  /** A group address instead of users (announcements). */
  toGroup: GraphEmailAddress | null
  ccIds: string[]
  /** ms relative to the week anchor, always negative (before the seeded week starts). */
  sentOffset: number
  urgent: boolean
  announcement: boolean
}

export interface MailboxPlanInput {
  owner: SeedUser
  org: OrgIndex
  ranking: readonly SeedPersonRank[]
  allCompany: GraphEmailAddress | null
}

const WINDOW_DAYS = 21
const LATEST = -10 * MINUTE

type Rng = ReturnType<typeof createRng>

/** The anchor is a Monday, so k days before it is a Saturday when k % 7 = 2, a Sunday when 1. */
const isWeekend = (daysBefore: number) => daysBefore % 7 === 1 || daysBefore % 7 === 2

/** A business-hours time on a weekday within the window, more often in the last few days. */
function businessTime(rng: Rng): number {
  const draw = () => 1 + Math.floor(rng.next() ** 1.6 * WINDOW_DAYS)
  let daysBack = draw()
  while (isWeekend(daysBack)) daysBack = draw()
  return -daysBack * DAY + rng.int(8, 16) * HOUR + rng.int(0, 59) * MINUTE
}

/** A reply some minutes to hours later, moved to the next working morning if it falls after hours. */
function replyTime(rng: Rng, previous: number): number {
  let at = previous + rng.int(20, 8 * 60) * MINUTE
  const dayStart = Math.floor(at / DAY) * DAY
  if (at - dayStart > 18 * HOUR) at = dayStart + DAY + 8 * HOUR + rng.int(0, 90) * MINUTE
  const daysBefore = -Math.floor(at / DAY)
  if (isWeekend(daysBefore)) at += (daysBefore % 7) * DAY
  return at
}

export function planMailbox(input: MailboxPlanInput): PlannedMessage[] {
  const { owner, org } = input
  const rng = createRng(`mail:${owner.id}`)
  const target = rng.int(32, 46)
  // The top of the ranking corresponds more often, as Graph's relevance implies.
  const people = input.ranking.map((p) => p.userId)
  const correspondent = () => people[Math.min(Math.floor(rng.next() ** 2 * people.length), people.length - 1)]
  const templates = rng.shuffle(threadTemplates(owner.department))
  const out: PlannedMessage[] = []

  // The department's head, else the top of the organisation, else one of its direct reports.
  const leaders = org.users.filter((u) => org.depth(u.id) <= 1 && u.id !== owner.id)
  const announcer = (department: string) =>
    leaders.find((u) => u.department === department) ??
    leaders.find((u) => u.managerId === null) ??
    leaders[0]
  if (input.allCompany !== null) {
    ANNOUNCEMENTS.forEach((t, i) => {
      const from = announcer(t.department)
      if (!from) return
      out.push({
        key: `${owner.id}:announcement:${i}`,
        threadKey: `${owner.id}:announcement:${i}`,
        position: 0,
        subject: t.subject,
        lines: t.opening,
        fromId: from.id,
        toIds: [],
        toGroup: input.allCompany,
        ccIds: [],
        sentOffset: businessTime(rng),
        urgent: false,
        announcement: true,
      })
    })
  }

  for (let t = 0; out.length < target && people.length > 0; t++) {
    const template = templates[t % templates.length]
    const partner = correspondent()
    if (!template || partner === undefined) break
    const threadKey = `${owner.id}:thread:${t}`
    const cc = rng.chance(0.3)
      ? rng.shuffle(people.filter((id) => id !== partner)).slice(0, rng.int(1, 2))
      : []
    const length = Math.min(1 + template.replies.length, rng.pick([1, 2, 2, 3, 4]))
    let from = rng.chance(0.8) ? partner : owner.id
    let at = businessTime(rng)
    for (let i = 0; i < length && at < LATEST; i++) {
      const to = from === owner.id ? partner : owner.id
      out.push({
        key: `${threadKey}:${i}`,
        threadKey,
        position: i,
        subject: i === 0 ? template.subject : `RE: ${template.subject}`,
        lines: i === 0 ? template.opening : (template.replies[i - 1] ?? ['Thanks!']),
        fromId: from,
        toIds: [to],
        toGroup: null,
        ccIds: cc.filter((id) => id !== from && id !== to),
        sentOffset: at,
        urgent: i === 0 && template.urgent === true,
        announcement: false,
      })
      from = to
      at = replyTime(rng, at)
    }
  }
  return out
}
