// Acceptance (issue 4): the MCP TypeScript SDK 1.x client over the legacy HTTP+SSE transport, its
// stream on replica 0 and every POST /messages on replica 1 (relayed by Redis pub/sub to the owner),
// lists every tool and calls each read tool with results checked against the emulator's seed.
import t from 'tap'
import { tools } from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { READ_TOOL_CASES } from './support/read-tool-cases.js'
import { seedFacts, type SeedFacts } from './support/seed-facts.js'
import { connectSse, type SseConnection } from './support/sse-v1-connect.js'

let stack: Stack
let facts: SeedFacts
let sse: SseConnection
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn))
  facts = seedFacts(stack.emulator.seed)
  const user = await stack.signIn({ username: facts.me.userPrincipalName, path: '/sse' })
  const [streamReplica, postReplica] = stack.replicas.map((r) => r.url)
  sse = await connectSse({
    streamReplica: streamReplica!,
    postReplica: postReplica!,
    accessToken: user.accessToken,
  })
  t.teardown(() => sse.client.close())
})

t.test('sse: every read tool is listed (writes are off by default)', async (t) => {
  const listed = await sse.client.listTools()
  t.same(
    listed.tools.map((tool) => tool.name).sort(),
    tools
      .filter((tool) => !tool.write)
      .map((tool) => tool.name)
      .sort(),
  )
})

for (const readCase of READ_TOOL_CASES)
  t.test(`sse: ${readCase.tool} answers from the seed`, (t) => readCase.check(t, sse.call, facts))

t.test('sse: every message was POSTed to the replica that does not hold the stream', async (t) => {
  t.ok(sse.relayedPosts() >= READ_TOOL_CASES.length + 2, `${sse.relayedPosts()} relayed POSTs`)
})
