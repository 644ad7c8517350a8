// Acceptance (issue 4): the MCP v2 client (`@modelcontextprotocol/client`) probing with
// `server/discover` and speaking the modern revision 2026-07-28 against two tools replicas, its
// requests alternating between them; with writes enabled it lists every tool and calls each one,
// checked against the emulator's seed (and the write tools' effect read back from Graph) with the
// same cases as the SDK 1.x client. Writes off hiding the write tools: visibility.test.ts.
import t from 'tap'
import { tools } from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { READ_TOOL_CASES } from './support/read-tool-cases.js'
import { connectV2, type V2Connection } from './support/sdk-v2-connect.js'
import { seedFacts, type SeedFacts } from './support/seed-facts.js'
import { WRITE_TOOL_CASES, writeTag, type WriteRun } from './support/write-tool-cases.js'

const MODERN = '2026-07-28'

let stack: Stack
let facts: SeedFacts
let v2: V2Connection
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn), { toolsEnv: { TOOLS_WRITES_ENABLED: 'true' } })
  facts = seedFacts(stack.emulator.seed)
  const user = await stack.signIn({ username: facts.me.userPrincipalName })
  v2 = await connectV2(
    stack.replicas.map((r) => r.url),
    user.accessToken,
  )
  t.teardown(() => v2.client.close())
})

const writeRun: WriteRun = {
  tag: writeTag('sdkv2'),
  async callAs(username) {
    const other = await stack.signIn({ username })
    const connection = await connectV2(
      stack.replicas.map((r) => r.url),
      other.accessToken,
    )
    t.teardown(() => connection.client.close())
    return connection.call
  },
}

t.test('sdk v2: server/discover selects the modern revision 2026-07-28 (no initialize)', async (t) => {
  t.equal(v2.client.getProtocolEra(), 'modern')
  t.equal(v2.client.getNegotiatedProtocolVersion(), MODERN)
  t.equal(v2.spread.methods[0], 'server/discover', 'the first request probes')
  t.notOk(v2.spread.methods.includes('initialize'), 'no legacy handshake')
  await v2.client.listTools()
  t.equal(v2.spread.protocolVersions.at(-1), MODERN, 'later requests carry MCP-Protocol-Version: 2026-07-28')
})

t.test('sdk v2: with writes enabled all 16 tools are listed, a case for each', async (t) => {
  const listed = await v2.client.listTools()
  t.same(listed.tools.map((tool) => tool.name).sort(), tools.map((tool) => tool.name).sort())
  t.equal(listed.tools.length, 16)
  t.same(
    [...READ_TOOL_CASES, ...WRITE_TOOL_CASES].map((c) => c.tool).sort(),
    tools.map((tool) => tool.name).sort(),
    'a read or write case for every tool, and one only',
  )
})

for (const readCase of READ_TOOL_CASES)
  t.test(`sdk v2: ${readCase.tool} answers from the seed`, (t) => readCase.check(t, v2.call, facts))

for (const writeCase of WRITE_TOOL_CASES)
  t.test(`sdk v2: ${writeCase.tool} takes effect in Graph`, (t) =>
    writeCase.check(t, v2.call, facts, writeRun),
  )

t.test('sdk v2: the requests were spread over both replicas, all at 2026-07-28', async (t) => {
  t.ok(
    v2.spread.hits.every((n) => n >= 5),
    `hits per replica: ${v2.spread.hits.join(', ')}`,
  )
  t.ok(
    v2.spread.protocolVersions.slice(1).every((v) => v === MODERN),
    'every request after the probe names the modern revision',
  )
})
