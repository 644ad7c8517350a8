// One case per read tool: the arguments that hit the emulator's seed and what the seed says the
// result must hold. Shared by the SDK 1.x and v2 client acceptance tests so both clients are held to
// the same expectations.
import type { Test } from 'tap'
import {
  add,
  findMeetingTimes,
  getManager,
  getMessage,
  getUser,
  getUserProfile,
  listCalendarEvents,
  listDirectReports,
  listMessages,
  listMyGroups,
  listRecentFiles,
  listUsers,
  searchFiles,
  searchPeople,
} from '../../../src/tools/index.js'
import { expectResult } from './expect-result.js'
import { DAY_MS, iso, weekStart, type SeedFacts } from './seed-facts.js'
import type { CallTool } from './tool-call.js'

export interface ReadToolCase {
  tool: string
  check(t: Test, call: CallTool, facts: SeedFacts): Promise<void>
}

const ids = (items: readonly { id: string }[]) => items.map((i) => i.id)

export const READ_TOOL_CASES: readonly ReadToolCase[] = [
  {
    tool: 'add',
    async check(t, call) {
      const { structured } = await expectResult(t, call, add, { a: 2.5, b: 40 })
      t.same(structured, { sum: 42.5 })
    },
  },
  {
    tool: 'getUserProfile',
    async check(t, call, { me }) {
      const { structured } = await expectResult(t, call, getUserProfile, {})
      t.equal(structured.id, me.id)
      t.equal(structured.mail, me.mail)
      t.equal(structured.displayName, me.displayName)
    },
  },
  {
    tool: 'listUsers',
    async check(t, call, { colleagues }) {
      const first = await expectResult(t, call, listUsers, { pageSize: 5 })
      t.equal(first.structured.items.length, 5)
      const cursor = first.structured.nextCursor
      t.type(cursor, 'string', 'a first page of 5 has a nextCursor')
      const second = await expectResult(t, call, listUsers, { pageSize: 5, cursor })
      t.equal(second.structured.items.length, 5)
      const seen = [...ids(first.structured.items), ...ids(second.structured.items)]
      t.equal(new Set(seen).size, 10, 'the next page continues without repeats')
      const directory = new Map(colleagues.map((u) => [u.id, u]))
      t.ok(
        seen.every((id) => directory.has(id)),
        'only users of my tenant',
      )
      // `department` is outside Graph's default user properties: only our `$select` brings it.
      const listed = [...first.structured.items, ...second.structured.items]
      t.ok(
        listed.every((u) => (directory.get(u.id)?.department ?? '') !== ''),
        'the seed gives each a department',
      )
      for (const u of listed)
        t.equal(u.department, directory.get(u.id)?.department, `${u.displayName ?? u.id}: seeded department`)
    },
  },
  {
    tool: 'searchPeople',
    async check(t, call, { seed, me }) {
      const ranked = seed.peopleByUser.get(me.id) ?? []
      const top = seed.users.find((u) => u.id === ranked[0]?.userId)
      if (!top) throw new Error('the seed ranks nobody for this user')
      const { structured } = await expectResult(t, call, searchPeople, { query: top.givenName })
      t.ok(
        structured.items.some((p) => p.email?.toLowerCase() === top.mail.toLowerCase()),
        `finds ${top.displayName}`,
      )
      t.notOk(
        structured.items.some((p) => p.id === me.id),
        'never the user themself',
      )
    },
  },
  {
    tool: 'getUser',
    async check(t, call, { manager }) {
      const { structured } = await expectResult(t, call, getUser, { user: manager.userPrincipalName })
      t.equal(structured.id, manager.id)
      t.equal(structured.jobTitle, manager.jobTitle)
      // Outside Graph's default user properties: present only because the tool asks with `$select`.
      t.not(manager.department, '', 'the seed gives the manager a department')
      t.equal(structured.department, manager.department, 'the seeded department')
    },
  },
  {
    tool: 'getManager',
    async check(t, call, { manager }) {
      const { structured } = await expectResult(t, call, getManager, {})
      t.equal(structured.manager?.id, manager.id)
      t.equal(structured.manager?.mail, manager.mail)
    },
  },
  {
    tool: 'listDirectReports',
    async check(t, call, { reports }) {
      const { structured } = await expectResult(t, call, listDirectReports, { pageSize: 100 })
      t.same(ids(structured.items).sort(), ids(reports).sort())
    },
  },
  {
    tool: 'listMyGroups',
    async check(t, call, { seed, me }) {
      const mine = seed.groups.filter((g) => g.memberIds.includes(me.id))
      t.ok(mine.length > 0, 'the seed puts the user in groups')
      const { structured } = await expectResult(t, call, listMyGroups, { pageSize: 100 })
      t.same(ids(structured.items).sort(), ids(mine).sort())
      for (const g of structured.items) {
        const seeded = mine.find((s) => s.id === g.id)
        const kind = seeded?.groupTypes.includes('Unified') ? 'microsoft365' : 'security'
        if (seeded?.securityEnabled || seeded?.groupTypes.includes('Unified'))
          t.equal(g.kind, kind, `${g.displayName ?? g.id} is ${kind}`)
      }
    },
  },
  {
    tool: 'listCalendarEvents',
    async check(t, call, { seed, me }) {
      const monday = weekStart()
      const seeded = seed.eventsByUser.get(me.id) ?? []
      // Events well inside the week are in it whatever the zone they were written in.
      const surely = seeded.filter((e) => {
        const at = Date.parse(`${e.start.dateTime.slice(0, 19)}Z`)
        return at >= monday + DAY_MS && at < monday + 6 * DAY_MS
      })
      t.ok(surely.length > 0, 'the seed has meetings this week')
      const { structured } = await expectResult(t, call, listCalendarEvents, {
        start: iso(monday),
        end: iso(monday + 7 * DAY_MS),
        pageSize: 50,
      })
      for (const e of surely)
        t.ok(
          structured.items.some((i) => i.id === e.id && i.subject === e.subject),
          `has "${e.subject}"`,
        )
      const known = new Set(ids(seeded))
      t.ok(
        structured.items.every((i) => known.has(i.id)),
        "only the user's events",
      )
    },
  },
  {
    tool: 'findMeetingTimes',
    async check(t, call, { manager }) {
      const start = weekStart() + 7 * DAY_MS + 9 * 3_600_000
      const end = start + 4 * DAY_MS
      const { structured } = await expectResult(t, call, findMeetingTimes, {
        attendees: [manager.mail],
        durationMinutes: 30,
        start: iso(start),
        end: iso(end),
        maxCandidates: 3,
      })
      t.ok(structured.items.length > 0 && structured.items.length <= 3, 'one to three suggestions')
      for (const s of structured.items) {
        const from = Date.parse(s.start ?? '')
        const to = Date.parse(s.end ?? '')
        t.ok(from >= start && to <= end, `${s.start} inside the window`)
        t.equal(to - from, 30 * 60_000, 'as long as the meeting')
      }
    },
  },
  {
    tool: 'listMessages',
    async check(t, call, { seed, me }) {
      const seeded = seed.messagesByUser.get(me.id) ?? []
      t.ok(seeded.length >= 5, 'the seed has mail')
      const { structured } = await expectResult(t, call, listMessages, { pageSize: 5 })
      t.same(ids(structured.items), ids(seeded.slice(0, 5)), 'the five newest, newest first')
      t.type(structured.nextCursor, 'string', 'more mail behind a cursor')
    },
  },
  {
    tool: 'getMessage',
    async check(t, call, { seed, me }) {
      const listed = await expectResult(t, call, listMessages, { pageSize: 1 })
      const id = listed.structured.items[0]?.id ?? ''
      const seeded = (seed.messagesByUser.get(me.id) ?? []).find((m) => m.id === id)
      if (!seeded) throw new Error('listMessages returned a message the seed does not have')
      const { structured } = await expectResult(t, call, getMessage, { id })
      t.equal(structured.id, id)
      t.equal(structured.subject, seeded.subject)
      t.ok(structured.body.length > 0, 'has a body')
      t.equal(structured.bodyTruncated, false)
    },
  },
  {
    tool: 'searchFiles',
    async check(t, call, { seed, me }) {
      const files = (seed.driveItemsByUser.get(me.id) ?? []).filter((i) => 'file' in i && i.file)
      const target = files[0]
      if (!target) throw new Error('the seed gives the user no files')
      const word =
        target.name
          .replace(/\.[^.]+$/, '')
          .split(/[^A-Za-z0-9]+/)
          .find((w) => w.length >= 4) ?? ''
      const { structured } = await expectResult(t, call, searchFiles, { query: word })
      t.ok(
        structured.items.some((f) => f.id === target.id && f.name === target.name),
        `finds ${target.name} by "${word}"`,
      )
    },
  },
  {
    tool: 'listRecentFiles',
    async check(t, call, { seed, me }) {
      const known = new Set(ids(seed.driveItemsByUser.get(me.id) ?? []))
      const { structured } = await expectResult(t, call, listRecentFiles, { pageSize: 10 })
      t.ok(structured.items.length > 0, 'some recent files')
      t.ok(
        structured.items.every((f) => known.has(f.id) && f.kind === 'file'),
        "only files of the user's drive",
      )
    },
  },
]

export const READ_TOOL_NAMES = READ_TOOL_CASES.map((c) => c.tool)
