// Acceptance (issue 4): the MCP v2 client (`@modelcontextprotocol/client`) probing with
// `server/discover` and speaking the modern revision 2026-07-28 against two tools replicas, its
// requests alternating between them; lists the tools and calls every read tool, checked against
// the emulator's seed with the same cases as the SDK 1.x client.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import t from 'tap'
import { tools } from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { READ_TOOL_CASES } from './support/read-tool-cases.js'
import { roundRobinFetch, type RoundRobin } from './support/round-robin-fetch.js'
import { seedFacts, type SeedFacts } from './support/seed-facts.js'
import type { CallTool, ToolOutcome } from './support/tool-call.js'

const MODERN = '2026-07-28'

let stack: Stack
let facts: SeedFacts
let client: Client
let spread: RoundRobin
let call: CallTool
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn))
  facts = seedFacts(stack.emulator.seed)
  const user = await stack.signIn({ username: facts.me.userPrincipalName })
  const urls = stack.replicas.map((r) => r.url)
  spread = roundRobinFetch(urls)
  const transport = new StreamableHTTPClientTransport(new URL(`${urls[0]}/mcp`), {
    fetch: spread.fetch,
    requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
  })
  client = new Client(
    { name: 'acceptance-sdk-v2', version: '2.0.0' },
    { versionNegotiation: { mode: 'auto' } },
  )
  await client.connect(transport)
  t.teardown(() => client.close())
  call = async (name, args) => (await client.callTool({ name, arguments: args })) as unknown as ToolOutcome
})

t.test('sdk v2: server/discover selects the modern revision 2026-07-28 (no initialize)', async (t) => {
  t.equal(client.getProtocolEra(), 'modern')
  t.equal(client.getNegotiatedProtocolVersion(), MODERN)
  t.equal(spread.methods[0], 'server/discover', 'the first request probes')
  t.notOk(spread.methods.includes('initialize'), 'no legacy handshake')
  await client.listTools()
  t.equal(spread.protocolVersions.at(-1), MODERN, 'later requests carry MCP-Protocol-Version: 2026-07-28')
})

t.test('sdk v2: with writes off every read tool is listed, no write tool', async (t) => {
  const listed = await client.listTools()
  const reads = tools.filter((tool) => !tool.write).map((tool) => tool.name)
  t.same(listed.tools.map((tool) => tool.name).sort(), [...reads].sort())
  t.same(READ_TOOL_CASES.map((c) => c.tool).sort(), [...reads].sort(), 'a case for every read tool')
})

for (const readCase of READ_TOOL_CASES)
  t.test(`sdk v2: ${readCase.tool} answers from the seed`, (t) => readCase.check(t, call, facts))

t.test('sdk v2: the requests were spread over both replicas, all at 2026-07-28', async (t) => {
  t.ok(
    spread.hits.every((n) => n >= 5),
    `hits per replica: ${spread.hits.join(', ')}`,
  )
  t.ok(
    spread.protocolVersions.slice(1).every((v) => v === MODERN),
    'every request after the probe names the modern revision',
  )
})
