import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { getUser } from '../../src/tools/get-user.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test('getUser: finds a user by user principal name and by object id', async (t) => {
  const context = await harness.context('zoe.fischer')
  const byUpn = await runTool(getUser, { user: 'marcus.chen@contoso.example' }, context)
  t.equal(byUpn.structured!.displayName, 'Marcus Chen')
  const byId = await runTool(getUser, { user: harness.userId('liam.obrien') }, context)
  t.equal(byId.structured!.userPrincipalName, 'liam.obrien@contoso.example')
})

t.test('getUser: an unknown user is a curated not_found', async (t) => {
  const error = await runTool(
    getUser,
    { user: 'nobody.here@contoso.example' },
    await harness.context('zoe.fischer'),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'not_found'))
  t.notMatch((error as Error).message, /nobody|https?:/)
})

t.test('getUser: values that are neither an id nor a UPN are refused', async (t) => {
  for (const user of ['', 'marcus', '../me', 'a@b', 'x@contoso.example/manager', 'a b@contoso.example']) {
    t.notOk(getUser.input.safeParse({ user }).success, user)
  }
})

t.test('getUser: reading another user needs a directory permission, named in the error', async (t) => {
  const context = await harness.context('zoe.fischer', { app: 'basic' })
  const error = await runTool(getUser, { user: 'marcus.chen@contoso.example' }, context).catch(
    (e: unknown) => e,
  )
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /User\.ReadBasic\.All/)
})
