import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { getManager } from '../../src/tools/get-manager.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test("getManager: Zoë's manager is Marcus Chen", async (t) => {
  const result = await runTool(getManager, {}, await harness.context('zoe.fischer'))
  t.equal(result.structured!.manager?.id, harness.userId('marcus.chen'))
  t.match(result.text, /Manager: Marcus Chen/)
})

t.test("getManager: Marcus Chen's manager is the one in the seeded org chart", async (t) => {
  const marcus = harness.emulator.seed.users.find((u) => u.id === harness.userId('marcus.chen'))!
  const result = await runTool(getManager, {}, await harness.context('marcus.chen'))
  t.ok(marcus.managerId)
  t.equal(result.structured!.manager?.id, marcus.managerId)
})

t.test('getManager: User.Read alone is not enough, and the error names a permission that is', async (t) => {
  const error = await runTool(getManager, {}, await harness.context('zoe.fischer', { app: 'basic' })).catch(
    (e: unknown) => e,
  )
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /User\.Read\.All/)
})
