// Acceptance (issue 4, "Tool visibility per user"): a tool the user may not use is neither listed
// nor callable, and calling it is refused exactly like an unknown tool (JSON-RPC -32602), so a
// client cannot tell hidden from absent. Causes: Graph permissions missing from the grant, writes
// off (the default), TOOLS_DENY / TOOLS_ALLOW, and TOOLS_ROLE_RULES on app roles or Entra group
// ids (src/policy/tool-policy.ts).
import { CONTOSO, DEMO_APP_ROLES, type RunningEmulator, type SeedGroup } from '@m365mcp/entra-emulator'
import t from 'tap'
import { tools } from '../../src/tools/index.js'
import { ALL_GRAPH_SCOPES, startStack, type Stack } from '../support/stack.js'
import { refusalOf } from './support/refusal.js'
import { connectV1, type V1Connection } from './support/sdk-v1-connect.js'

const NO_MAIL_READ = ALL_GRAPH_SCOPES.filter((s) => s !== 'Mail.Read' && s !== 'Mail.ReadBasic')
const ROLE_RULES = JSON.stringify([{ claim: 'roles', value: 'Tools.Writer', tools: ['listUsers'] }])
const READS = tools.filter((tool) => !tool.write).map((tool) => tool.name)

interface Connected extends V1Connection {
  roles: string[]
  groups: string[] | undefined
  /** Every claim of our access token (to check what a groups overage leaves in it). */
  claims: Record<string, unknown>
}

async function connect(stack: Stack, username?: string): Promise<Connected> {
  const user = await stack.signIn(username === undefined ? {} : { username })
  const connection = await connectV1(
    stack.replicas.map((r) => r.url),
    user.accessToken,
  )
  t.teardown(() => connection.client.close())
  const claims = JSON.parse(Buffer.from(user.accessToken.split('.')[1] ?? '', 'base64url').toString()) as {
    roles?: string[]
    groups?: string[]
  }
  return { ...connection, roles: claims.roles ?? [], groups: claims.groups, claims }
}

/** Contoso's "IT Admins" security group of the seed (no demo user is in it). */
function itAdmins(emulator: RunningEmulator): SeedGroup {
  const group = emulator.seed.groups.find((g) => g.tenantId === CONTOSO.id && g.displayName === 'IT Admins')
  if (!group?.securityEnabled) throw new Error('the seed has no IT Admins security group')
  return group
}

/** A member of IT Admins who can sign in (any seed user can, with the demo password). */
function itAdminUsername(emulator: RunningEmulator): string {
  const group = itAdmins(emulator)
  const admin = emulator.seed.users.find((u) => group.memberIds.includes(u.id) && u.accountEnabled)
  if (!admin) throw new Error('IT Admins has no enabled member')
  return admin.userPrincipalName
}

const groupRules = (emulator: RunningEmulator) => ({
  TOOLS_ROLE_RULES: JSON.stringify([{ claim: 'groups', value: itAdmins(emulator).id, tools: ['listUsers'] }]),
})

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

t.test('visibility: a TOOLS_ROLE_RULES group rule shows the tool only to members of the group', async (t) => {
  // The registration emits security-group ids in the ID token (manifest groupMembershipClaims);
  // the auth service copies them into our access token (services/auth/src/tokens/grant-claims.ts).
  const stack = await startStack((fn) => t.teardown(fn), {
    toolsEnvFor: groupRules,
    appRegistration: { groupMembershipClaims: 'SecurityGroup' },
  })
  const group = itAdmins(stack.emulator)
  const admin = await connect(stack, itAdminUsername(stack.emulator))
  t.ok(admin.groups?.includes(group.id), `the IT admin's token carries the IT Admins group id`)
  const adminTools = (await admin.client.listTools()).tools.map((tool) => tool.name)
  t.same([...adminTools].sort(), [...READS].sort(), 'a member of the group sees listUsers (and every read)')
  const page = await admin.client.callTool({ name: 'listUsers', arguments: { pageSize: 2 } })
  t.equal(page.isError, undefined, 'and can call it')
  t.equal((page.structuredContent as { items?: unknown[] } | undefined)?.items?.length, 2, 'two users')

  // José is in "MCP Pilot Users" only: his token carries groups, but not this one.
  const jose = await connect(stack, 'jose.alvarez@contoso.example')
  t.ok(jose.groups && jose.groups.length > 0, 'José carries his group ids')
  t.notOk(jose.groups?.includes(group.id), 'but not IT Admins')
  const joseTools = (await jose.client.listTools()).tools.map((tool) => tool.name)
  t.same([...joseTools].sort(), READS.filter((name) => name !== 'listUsers').sort(), 'listUsers is hidden')
  t.same(
    await refusalOf(jose.client, 'listUsers', { pageSize: 2 }),
    await refusalOf(jose.client, 'noSuchTool'),
    'and refused exactly like an unknown tool',
  )
})

t.test('visibility: a groups overage (_claim_names) signs in, carries no groups, fails closed', async (t) => {
  // Past groupsOverageLimit Entra sends `_claim_names: { groups }` instead of the list; group rules
  // cannot be decided then, so the group's tools stay hidden and everything else works.
  const stack = await startStack((fn) => t.teardown(fn), {
    toolsEnvFor: groupRules,
    appRegistration: { groupMembershipClaims: 'All', groupsOverageLimit: 1 },
  })
  const username = itAdminUsername(stack.emulator)
  const adminId = stack.emulator.seed.users.find((u) => u.userPrincipalName === username)?.id ?? ''
  const memberOf = stack.emulator.seed.groups.filter((g) => g.memberIds.includes(adminId)).length
  t.ok(memberOf > 1, `the IT admin is in ${memberOf} groups, over the limit of 1: Entra sends the overage`)
  const admin = await connect(stack, username)
  t.equal(admin.groups, undefined, 'no groups claim in our token')
  t.notOk('_claim_names' in admin.claims || '_claim_sources' in admin.claims, 'no distributed-claim pointers')
  const listed = (await admin.client.listTools()).tools.map((tool) => tool.name)
  t.same([...listed].sort(), READS.filter((name) => name !== 'listUsers').sort(), 'only listUsers is hidden')
  t.same(await refusalOf(admin.client, 'listUsers'), await refusalOf(admin.client, 'noSuchTool'))
  const sum = await admin.client.callTool({ name: 'add', arguments: { a: 2, b: 3 } })
  t.same(sum.structuredContent, { sum: 5 }, 'the session works')
  const me = await admin.client.callTool({ name: 'getUserProfile', arguments: {} })
  t.equal(me.isError, undefined, 'and reaches Graph')
})

t.test('visibility: Mail.ReadBasic without Mail.Read lists messages but hides getMessage', async (t) => {
  // Graph's Mail.ReadBasic reads every message property but body, bodyPreview and attachments
  // (src/tools/permissions.ts): listMessages (metadata) works, getMessage (the body) does not.
  const scopes = [...ALL_GRAPH_SCOPES.filter((s) => s !== 'Mail.Read'), 'Mail.ReadBasic']
  const stack = await startStack((fn) => t.teardown(fn), { graphScopes: scopes })
  const { client } = await connect(stack)
  const listed = (await client.listTools()).tools.map((tool) => tool.name)
  t.same(
    [...listed].sort(),
    READS.filter((name) => name !== 'getMessage').sort(),
    'only getMessage is hidden',
  )
  const page = await client.callTool({ name: 'listMessages', arguments: { pageSize: 3 } })
  t.equal(page.isError, undefined, 'listMessages is callable')
  const items =
    (page.structuredContent as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? []
  t.equal(items.length, 3, 'three messages')
  for (const item of items) {
    t.match(item, { id: String, subject: String, receivedDateTime: String }, 'metadata is there')
    t.notOk('preview' in item, 'no body preview under Mail.ReadBasic')
  }
  const id = items[0]?.id
  t.type(id, 'string')
  t.same(
    await refusalOf(client, 'getMessage', { id }),
    await refusalOf(client, 'noSuchTool'),
    'getMessage, even for a listed message, is refused exactly like an unknown tool',
  )
})
