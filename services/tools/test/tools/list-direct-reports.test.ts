import t from 'tap'
import { listDirectReports } from '../../src/tools/list-direct-reports.js'
import { followCursors } from './support/follow.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test("listDirectReports: Marcus's reports are his seeded reports, Zoë among them", async (t) => {
  const expected = harness.emulator.seed.users
    .filter((u) => u.managerId === harness.userId('marcus.chen'))
    .map((u) => u.id)
  const context = await harness.context('marcus.chen')
  const seen: string[] = []
  let cursor: string | undefined
  do {
    const page = await runTool(listDirectReports, { pageSize: 2, ...(cursor ? { cursor } : {}) }, context)
    seen.push(...page.structured!.items.map((u) => u.id))
    cursor = page.structured!.nextCursor
  } while (cursor !== undefined)
  t.ok(expected.length > 2, 'more than one page')
  t.same([...seen].sort(), [...expected].sort())
  t.ok(seen.includes(harness.userId('zoe.fischer')))
})

t.test(
  'listDirectReports: a budget too small for one report still moves on, one report per call',
  async (t) => {
    const reference = await followCursors<{ id: string }>(
      listDirectReports,
      { pageSize: 100 },
      await harness.context('marcus.chen'),
    )
    // 600 bytes is all frame: no report fits, yet a cursor at the same report would never end.
    const tiny = await harness.context('marcus.chen', { maxResultBytes: 600 })
    const followed = await followCursors<{ id: string }>(listDirectReports, { pageSize: 100 }, tiny)
    t.ok(reference.items.length > 2)
    t.equal(followed.calls.length, reference.items.length, 'one call per report')
    t.ok(
      followed.calls.every((c) => c.items.length === 1),
      'each call shows one report',
    )
    t.same(
      followed.items.map((u) => u.id),
      reference.items.map((u) => u.id),
      'every report once, in order',
    )
  },
)

t.test('listDirectReports: someone without reports gets an empty list', async (t) => {
  const result = await runTool(listDirectReports, {}, await harness.context('zoe.fischer'))
  t.same(result.structured!.items, [])
  t.equal(result.text, 'No direct reports.')
})

t.test('listDirectReports: page sizes outside 1–100 are refused', async (t) => {
  t.notOk(listDirectReports.input.safeParse({ pageSize: 0 }).success)
  t.notOk(listDirectReports.input.safeParse({ pageSize: 101 }).success)
})
