// Acceptance (issue 4): the MCP TypeScript SDK 1.x client over the legacy HTTP+SSE transport, its
// stream on replica 0 and every POST /messages on replica 1 (relayed by Redis pub/sub to the owner),
// with writes enabled lists every tool and calls each one, results checked against the emulator's
// seed and the write tools' effect read back from Graph.
import t from 'tap'
import { tools } from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { READ_TOOL_CASES } from './support/read-tool-cases.js'
import { seedFacts, type SeedFacts } from './support/seed-facts.js'
import { connectSse, type SseConnection } from './support/sse-v1-connect.js'
import { WRITE_TOOL_CASES, writeTag, type WriteRun } from './support/write-tool-cases.js'

let stack: Stack
let facts: SeedFacts
let sse: SseConnection
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn), { toolsEnv: { TOOLS_WRITES_ENABLED: 'true' } })
  facts = seedFacts(stack.emulator.seed)
  sse = await connectSseAs(facts.me.userPrincipalName)
})

async function connectSseAs(username: string): Promise<SseConnection> {
  const user = await stack.signIn({ username, path: '/sse' })
  const [streamReplica, postReplica] = stack.replicas.map((r) => r.url)
  const connection = await connectSse({
    streamReplica: streamReplica!,
    postReplica: postReplica!,
    accessToken: user.accessToken,
  })
  t.teardown(() => connection.client.close())
  return connection
}

const writeRun: WriteRun = {
  tag: writeTag('sse'),
  callAs: async (username) => (await connectSseAs(username)).call,
}

t.test('sse: with writes enabled all 16 tools are listed, a case for each', async (t) => {
  const listed = await sse.client.listTools()
  t.same(listed.tools.map((tool) => tool.name).sort(), tools.map((tool) => tool.name).sort())
  t.equal(listed.tools.length, 16)
  t.same(
    [...READ_TOOL_CASES, ...WRITE_TOOL_CASES].map((c) => c.tool).sort(),
    tools.map((tool) => tool.name).sort(),
    'a read or write case for every tool, and one only',
  )
})

for (const readCase of READ_TOOL_CASES)
  t.test(`sse: ${readCase.tool} answers from the seed`, (t) => readCase.check(t, sse.call, facts))

for (const writeCase of WRITE_TOOL_CASES)
  t.test(`sse: ${writeCase.tool} takes effect in Graph`, (t) => writeCase.check(t, sse.call, facts, writeRun))

t.test('sse: every message was POSTed to the replica that does not hold the stream', async (t) => {
  // initialize, its notification, tools/list and at least one call per case, all on replica 1.
  const expected = 2 + READ_TOOL_CASES.length + WRITE_TOOL_CASES.length
  t.ok(sse.relayedPosts() >= expected, `${sse.relayedPosts()} relayed POSTs`)
})
