// Acceptance (issue 4, "Tool visibility per user"): a tool the user may not use is neither listed
// nor callable, and calling it is refused exactly like an unknown tool (JSON-RPC -32602), so a
// client cannot tell hidden from absent. Causes: Graph permissions missing from the grant, writes
// off (the default), TOOLS_DENY / TOOLS_ALLOW, and TOOLS_ROLE_RULES (src/policy/tool-policy.ts).
import { DEMO_APP_ROLES } from '@m365mcp/entra-emulator'
import t from 'tap'
import { tools } from '../../src/tools/index.js'
import { ALL_GRAPH_SCOPES, startStack, type Stack } from '../support/stack.js'
import { refusalOf } from './support/refusal.js'
import { connectV1, type V1Connection } from './support/sdk-v1-connect.js'

const NO_MAIL_READ = ALL_GRAPH_SCOPES.filter((s) => s !== 'Mail.Read' && s !== 'Mail.ReadBasic')
const ROLE_RULES = JSON.stringify([{ claim: 'roles', value: 'Tools.Writer', tools: ['listUsers'] }])
const READS = tools.filter((tool) => !tool.write).map((tool) => tool.name)

async function connect(stack: Stack, username?: string): Promise<V1Connection & { roles: string[] }> {
  const user = await stack.signIn(username === undefined ? {} : { username })
  const connection = await connectV1(
    stack.replicas.map((r) => r.url),
    user.accessToken,
  )
  t.teardown(() => connection.client.close())
  const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
    roles?: string[]
  }
  return { ...connection, roles: claims.roles ?? [] }
}

t.test(
  'visibility: without Mail.Read the mail tools are hidden; writes off hides the write tools',
  async (t) => {
    const stack = await startStack((fn) => t.teardown(fn), { graphScopes: NO_MAIL_READ })
    const { client } = await connect(stack)
    const listed = (await client.listTools()).tools.map((tool) => tool.name)
    const expected = READS.filter((name) => name !== 'listMessages' && name !== 'getMessage')
    t.same([...listed].sort(), [...expected].sort())
    const unknown = await refusalOf(client, 'noSuchTool')
    t.not(unknown, 'called')
    t.equal(unknown !== 'called' && unknown.code, -32602, 'an unknown tool is InvalidParams (-32602)')
    const hidden = {
      listMessages: {},
      getMessage: { id: 'AAMkAGI2TG93AAA=' },
      sendMail: { to: ['marcus.chen@contoso.example'], subject: 's', body: 'b' },
      createCalendarEvent: { subject: 's', start: '2026-12-01T10:00:00Z', end: '2026-12-01T10:30:00Z' },
    }
    for (const [name, args] of Object.entries(hidden))
      t.same(await refusalOf(client, name, args), unknown, `${name} is refused exactly like an unknown tool`)
  },
)

t.test('visibility: TOOLS_DENY wins over TOOLS_ALLOW; writes stay off even when allowed', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), {
    toolsEnv: { TOOLS_ALLOW: 'add,getUserProfile,listMyGroups,sendMail', TOOLS_DENY: 'listMyGroups' },
  })
  const { client } = await connect(stack)
  const listed = (await client.listTools()).tools.map((tool) => tool.name)
  t.same([...listed].sort(), ['add', 'getUserProfile'])
  const unknown = await refusalOf(client, 'noSuchTool')
  for (const name of ['listMyGroups', 'listUsers', 'sendMail'])
    t.same(await refusalOf(client, name), unknown, `${name} is refused like an unknown tool`)
  const allowed = await client.callTool({ name: 'add', arguments: { a: 1, b: 2 } })
  t.same(allowed.structuredContent, { sum: 3 })
})

t.test('visibility: a TOOLS_ROLE_RULES tool is shown only to users with the app role', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), {
    toolsEnv: { TOOLS_ROLE_RULES: ROLE_RULES },
    appRegistration: { appRoles: [...DEMO_APP_ROLES] },
  })
  // José Alvarez has no app role in the seed (entra-emulator README).
  const jose = stack.emulator.seed.demoUsers.find((u) => u.userPrincipalName.startsWith('jose.'))
  if (!jose) throw new Error('the seed has no José')
  const { client, roles: joseRoles } = await connect(stack, jose.userPrincipalName)
  t.same(joseRoles, [], 'José carries no role')
  const listed = (await client.listTools()).tools.map((tool) => tool.name)
  t.notOk(listed.includes('listUsers'), 'listUsers is hidden')
  t.same([...listed].sort(), READS.filter((name) => name !== 'listUsers').sort(), 'nothing else is hidden')
  t.same(await refusalOf(client, 'listUsers'), await refusalOf(client, 'noSuchTool'))

  // Marcus Chen is assigned Tools.Writer; the auth service copies the ID token's `roles` into our
  // access token (services/auth/src/tokens/grant-claims.ts).
  const marcus = await connect(stack, 'marcus.chen@contoso.example')
  t.ok(
    marcus.roles.includes('Tools.Writer'),
    `Marcus's token carries Tools.Writer: [${marcus.roles.join(', ')}]`,
  )
  const marcusTools = (await marcus.client.listTools()).tools.map((tool) => tool.name)
  t.ok(marcusTools.includes('listUsers'), 'listUsers is shown to a Tools.Writer')
  const page = await marcus.client.callTool({ name: 'listUsers', arguments: { pageSize: 2 } })
  t.equal(page.isError, undefined, 'and callable')
})
