// One case per write tool: what the call sends, what its structured result must say, and the effect
// read back from the emulator's Graph afterwards (the event in the organizer's and the attendee's
// calendar, the mail in Sent Items and in the recipient's inbox). Shared by the SDK 1.x, v2 and SSE
// acceptance tests, like read-tool-cases.ts. Run them after the read cases: they add mail and
// events that the read cases' seed expectations (e.g. "the five newest messages") do not know.
import { randomBytes } from 'node:crypto'
import type { Test } from 'tap'
import {
  createCalendarEvent,
  getMessage,
  listCalendarEvents,
  listMessages,
  sendMail,
} from '../../../src/tools/index.js'
import { expectResult } from './expect-result.js'
import { DAY_MS, iso, weekStart, type SeedFacts } from './seed-facts.js'
import type { CallTool } from './tool-call.js'

export interface WriteRun {
  /** Marks this test file's data (a label plus a random nonce), so runs never read each other's. */
  tag: string
  /** Calls tools as another seeded user, through the same client and transport as `call`. */
  callAs: (username: string) => Promise<CallTool>
}

export interface WriteToolCase {
  tool: string
  check(t: Test, call: CallTool, facts: SeedFacts, run: WriteRun): Promise<void>
}

/** A tag for `label` (letters and digits only, so it is one word to every search). */
export function writeTag(label: string): string {
  return `${label.replace(/[^A-Za-z0-9]/g, '')}${randomBytes(5).toString('hex')}`
}

const HOUR_MS = 3_600_000

export const WRITE_TOOL_CASES: readonly WriteToolCase[] = [
  {
    tool: 'sendMail',
    async check(t, call, { me, manager }, { tag, callAs }) {
      const subject = `Zirconia review ${tag}`
      const body = `Notes from the acceptance run ${tag}.`
      const { structured } = await expectResult(t, call, sendMail, { to: [manager.mail], subject, body })
      t.same(structured, { sent: true, recipients: [manager.mail], savedToSentItems: true })

      const mine = await expectResult(t, call, listMessages, { search: subject })
      const sent = mine.structured.items.filter((m) => m.subject === subject)
      t.equal(sent.length, 1, "one copy in the sender's mailbox (Sent Items)")
      const sentCopy = await expectResult(t, call, getMessage, { id: sent[0]?.id ?? '' })
      t.ok(
        sentCopy.structured.to?.some((a) => a.toLowerCase().includes(manager.mail.toLowerCase())),
        'addressed to the recipient',
      )
      t.equal(sentCopy.structured.body, body, 'with the body sent')

      const recipient = await callAs(manager.userPrincipalName)
      const inbox = await expectResult(t, recipient, listMessages, { search: subject })
      const received = inbox.structured.items.filter((m) => m.subject === subject)
      t.equal(received.length, 1, "delivered once to the recipient's inbox")
      t.not(received[0]?.id, sent[0]?.id, "the recipient's own copy")
      t.match(received[0]?.from ?? '', me.mail, 'from the sender')
      const opened = await expectResult(t, recipient, getMessage, { id: received[0]?.id ?? '' })
      t.equal(opened.structured.body, body, 'the recipient reads the body sent')
    },
  },
  {
    tool: 'createCalendarEvent',
    async check(t, call, { me, manager }, { tag, callAs }) {
      const start = weekStart() + 8 * DAY_MS + 15 * HOUR_MS
      const end = start + 30 * 60_000
      const subject = `Acceptance sync ${tag}`
      const created = await expectResult(t, call, createCalendarEvent, {
        subject,
        start: iso(start),
        end: iso(end),
        attendees: [manager.mail],
        location: 'Room 4',
        body: `Agenda for ${tag}.`,
      })
      t.equal(created.structured.subject, subject)
      t.equal(created.structured.start, iso(start))
      t.equal(created.structured.end, iso(end))
      t.equal(created.structured.location, 'Room 4')
      t.match(created.structured.organizer ?? '', me.mail, 'organized by the signed-in user')
      t.ok(
        created.structured.attendees?.some((a) => a.toLowerCase().includes(manager.mail.toLowerCase())),
        'invites the attendee',
      )

      const window = { start: iso(start - HOUR_MS), end: iso(end + HOUR_MS), pageSize: 50 }
      const mine = await expectResult(t, call, listCalendarEvents, window)
      const found = mine.structured.items.filter((e) => e.subject === subject)
      t.equal(found.length, 1, "once in the organizer's calendar")
      t.equal(found[0]?.id, created.structured.id, 'under the id it was created with')
      t.equal(found[0]?.start, iso(start))
      t.equal(found[0]?.end, iso(end))
      t.equal(found[0]?.location, 'Room 4')

      const attendee = await callAs(manager.userPrincipalName)
      const theirs = await expectResult(t, attendee, listCalendarEvents, window)
      const invited = theirs.structured.items.filter((e) => e.subject === subject)
      t.equal(invited.length, 1, "once in the attendee's calendar")
      t.equal(invited[0]?.start, iso(start))
      t.match(invited[0]?.organizer ?? '', me.mail, 'organized by the sender of the invitation')
    },
  },
]

export const WRITE_TOOL_NAMES = WRITE_TOOL_CASES.map((c) => c.tool)
