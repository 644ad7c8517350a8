import t from 'tap'
import { getUserProfile } from '../../src/tools/get-user-profile.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test("getUserProfile: returns the signed-in user's own profile", async (t) => {
  const result = await runTool(getUserProfile, {}, await harness.context('zoe.fischer', { app: 'basic' }))
  t.equal(result.structured!.id, harness.userId('zoe.fischer'))
  t.equal(result.structured!.displayName, 'Zoë Fischer')
  t.equal(result.structured!.mail, 'zoe.fischer@contoso.example')
  t.equal(result.structured!.jobTitle, 'Software Engineer')
  t.match(result.text, /Zoë Fischer <zoe\.fischer@contoso\.example>/)
})
