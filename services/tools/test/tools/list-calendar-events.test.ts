import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { listCalendarEvents } from '../../src/tools/list-calendar-events.js'
import { followCursors } from './support/follow.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'
import { DAY_MS, iso, weekStart } from './support/week.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})
const monday = weekStart()
const week = { start: iso(monday), end: iso(monday + 7 * DAY_MS) }

t.test("listCalendarEvents: Zoë's events this week, ordered by start, all within the window", async (t) => {
  const seeded = harness.emulator.seed.eventsByUser.get(harness.userId('zoe.fischer')) ?? []
  // Events well inside the week are in it whatever their time zone.
  const surely = seeded.filter((e) => {
    const at = Date.parse(`${e.start.dateTime.slice(0, 19)}Z`)
    return at >= monday + DAY_MS && at < monday + 6 * DAY_MS
  })
  t.ok(surely.length > 0, 'the seed has events this week')
  const result = await runTool(
    listCalendarEvents,
    { ...week, pageSize: 50 },
    await harness.context('zoe.fischer'),
  )
  const items = result.structured!.items
  const ids = new Set(seeded.map((e) => e.id))
  t.ok(
    items.every((e) => ids.has(e.id)),
    "only Zoë's events",
  )
  for (const e of surely)
    t.ok(
      items.some((i) => i.id === e.id && i.subject === e.subject),
      e.subject,
    )
  const starts = items.map((e) => Date.parse(e.start!))
  t.same(
    starts,
    [...starts].sort((a, b) => a - b),
    'ordered by start',
  )
  t.ok(
    items.every((e) => Date.parse(e.start!) < monday + 7 * DAY_MS && Date.parse(e.end!) > monday),
    'overlap the window',
  )
  t.ok(
    items.every((e) => e.start!.endsWith('Z')),
    'times in UTC',
  )
  t.match(result.text, surely[0]!.subject)
})

t.test('listCalendarEvents: cursor paging returns the same events as one large page', async (t) => {
  const context = await harness.context('zoe.fischer')
  const all = (await runTool(listCalendarEvents, { ...week, pageSize: 50 }, context)).structured!.items.map(
    (e) => e.id,
  )
  const paged: string[] = []
  let cursor: string | undefined
  do {
    const page = await runTool(
      listCalendarEvents,
      { ...week, pageSize: 3, ...(cursor ? { cursor } : {}) },
      context,
    )
    paged.push(...page.structured!.items.map((e) => e.id))
    cursor = page.structured!.nextCursor
  } while (cursor !== undefined)
  t.ok(all.length > 3, 'more than one page')
  t.same(paged, all)
})

t.test('listCalendarEvents: bad windows are refused by the schema', async (t) => {
  const bad = [
    { start: week.end, end: week.start },
    { start: week.start, end: week.start },
    { start: week.start, end: iso(monday + 32 * DAY_MS) },
    { start: '2026-11-23T00:00:00', end: week.end },
    { start: 'next monday', end: week.end },
    { start: week.start },
  ]
  for (const input of bad) t.notOk(listCalendarEvents.input.safeParse(input).success, JSON.stringify(input))
  t.ok(
    listCalendarEvents.input.safeParse({ start: week.start, end: iso(monday + 31 * DAY_MS) }).success,
    '31 days is allowed',
  )
})

t.test('listCalendarEvents: without a calendar permission the error names Calendars.ReadBasic', async (t) => {
  const error = await runTool(
    listCalendarEvents,
    week,
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Calendars\.ReadBasic/)
})

t.test(
  'listCalendarEvents: a small size budget cuts with a note; the cursors still reach every event',
  async (t) => {
    const context = await harness.context('zoe.fischer', { maxResultBytes: 1200 })
    const result = await runTool(listCalendarEvents, { ...week, pageSize: 50 }, context)
    t.ok(result.structured!.items.length < 50)
    t.match(result.structured!.note, /Result cut to fit the size limit/)
    t.ok(result.structured!.nextCursor, 'a cursor to the events left out')
    const reference = await followCursors<{ id: string }>(
      listCalendarEvents,
      { ...week, pageSize: 50 },
      await harness.context('zoe.fischer'),
    )
    t.notOk(
      reference.calls.some((c) => c.note),
      'the reference listing is not cut',
    )
    const followed = await followCursors<{ id: string }>(
      listCalendarEvents,
      { ...week, pageSize: 50 },
      context,
    )
    t.ok(followed.calls.length > reference.calls.length, 'more calls under the budget')
    t.ok(reference.items.length > result.structured!.items.length, 'the first call left events out')
    t.same(
      followed.items.map((e) => e.id),
      reference.items.map((e) => e.id),
      'every event of the week exactly once, ordered by start',
    )
  },
)
