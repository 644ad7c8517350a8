import t from 'tap'
import { listMyGroups } from '../../src/tools/list-my-groups.js'
import { followCursors } from './support/follow.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test("listMyGroups: lists exactly Zoë's seeded group memberships across pages", async (t) => {
  const zoe = harness.userId('zoe.fischer')
  const expected = harness.emulator.seed.groups.filter((g) => g.memberIds.includes(zoe))
  t.ok(expected.length > 1, 'Zoë is in several groups')
  const context = await harness.context('zoe.fischer', { app: 'basic' })
  const seen: string[] = []
  let cursor: string | undefined
  do {
    const page = await runTool(listMyGroups, { pageSize: 1, ...(cursor ? { cursor } : {}) }, context)
    seen.push(...page.structured!.items.map((g) => g.id))
    cursor = page.structured!.nextCursor
  } while (cursor !== undefined)
  t.same([...seen].sort(), expected.map((g) => g.id).sort())
  const unified = expected.find((g) => g.groupTypes.includes('Unified'))
  if (unified) {
    const all = await runTool(listMyGroups, {}, context)
    t.equal(all.structured!.items.find((g) => g.id === unified.id)?.kind, 'microsoft365')
    t.match(all.text, unified.displayName)
  }
})

t.test('listMyGroups: cut by the size budget, the cursors resume among the groups kept', async (t) => {
  const reference = await followCursors<{ id: string }>(
    listMyGroups,
    { pageSize: 100 },
    await harness.context('zoe.fischer', { app: 'basic' }),
  )
  const tiny = await harness.context('zoe.fischer', { app: 'basic', maxResultBytes: 600 })
  const followed = await followCursors<{ id: string }>(listMyGroups, { pageSize: 100 }, tiny)
  t.ok(reference.items.length > 1)
  t.ok(followed.calls.length > reference.calls.length, 'the budget cut the page')
  t.same(
    followed.items.map((g) => g.id),
    reference.items.map((g) => g.id),
    'every group once, in order',
  )
})

t.test('listMyGroups: page sizes outside 1–100 are refused', async (t) => {
  t.notOk(listMyGroups.input.safeParse({ pageSize: 0 }).success)
  t.notOk(listMyGroups.input.safeParse({ pageSize: 101 }).success)
})
