import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { findMeetingTimes } from '../../src/tools/find-meeting-times.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'
import { DAY_MS, iso, weekStart } from './support/week.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})
// Next week's Tuesday: candidate times lie in the future.
const tuesday = weekStart() + 8 * DAY_MS
const window = { start: iso(tuesday), end: iso(tuesday + DAY_MS) }

t.test(
  'findMeetingTimes: suggestions for Zoë and Marcus lie in the window and last the duration',
  async (t) => {
    const result = await runTool(
      findMeetingTimes,
      { attendees: ['marcus.chen@contoso.example'], durationMinutes: 45, maxCandidates: 4, ...window },
      await harness.context('zoe.fischer'),
    )
    const items = result.structured!.items
    t.ok(items.length > 0 && items.length <= 4, `${items.length} suggestions`)
    for (const s of items) {
      const start = Date.parse(s.start!)
      t.equal(Date.parse(s.end!) - start, 45 * 60_000, 'lasts 45 minutes')
      t.ok(start >= tuesday && start + 45 * 60_000 <= tuesday + DAY_MS, 'inside the window')
    }
    t.match(result.text, items[0]!.start!)
  },
)

t.test('findMeetingTimes: bad attendees, durations and windows are refused', async (t) => {
  const ok = { attendees: ['marcus.chen@contoso.example'], ...window }
  t.ok(findMeetingTimes.input.safeParse(ok).success)
  const bad = [
    { ...ok, attendees: [] },
    { ...ok, attendees: ['not an address'] },
    { ...ok, durationMinutes: 0 },
    { ...ok, durationMinutes: 481 },
    { ...ok, end: iso(tuesday + 10 * 60_000), durationMinutes: 30 },
    { ...ok, end: iso(tuesday + 15 * DAY_MS) },
    { ...ok, maxCandidates: 21 },
  ]
  for (const input of bad)
    t.notOk(findMeetingTimes.input.safeParse(input).success, JSON.stringify(input).slice(0, 80))
})

t.test('findMeetingTimes: without a calendar permission the error names one', async (t) => {
  const error = await runTool(
    findMeetingTimes,
    { attendees: ['marcus.chen@contoso.example'], ...window },
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Calendars\.Read\.Shared/)
})
