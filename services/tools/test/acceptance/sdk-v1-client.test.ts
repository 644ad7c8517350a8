// Acceptance (issue 4): the MCP TypeScript SDK 1.x client over Streamable HTTP (2025-11-25), its
// requests alternating between two tools replicas on one Redis, lists every tool with writes
// enabled and calls each one, checked against the emulator's seed and, for the write tools, the
// effect read back from Graph. Also what `tools/list` carries on the wire for each tool.
import t from 'tap'
import { toolSchemas } from '../../src/mcp/tool-schemas.js'
import { tools } from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { initialize, rawMcp, resultOf } from '../transport/support/raw-mcp.js'
import { READ_TOOL_CASES } from './support/read-tool-cases.js'
import { connectV1, type V1Connection } from './support/sdk-v1-connect.js'
import { seedFacts, type SeedFacts } from './support/seed-facts.js'
import { WRITE_TOOL_CASES, writeTag, type WriteRun } from './support/write-tool-cases.js'

const REVISION = '2025-11-25'

let stack: Stack
let facts: SeedFacts
let v1: V1Connection
let accessToken: string
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn), { toolsEnv: { TOOLS_WRITES_ENABLED: 'true' } })
  facts = seedFacts(stack.emulator.seed)
  const user = await stack.signIn({ username: facts.me.userPrincipalName })
  accessToken = user.accessToken
  v1 = await connectV1(
    stack.replicas.map((r) => r.url),
    user.accessToken,
  )
  t.teardown(() => v1.client.close())
})

const writeRun: WriteRun = {
  tag: writeTag('sdkv1'),
  async callAs(username) {
    const other = await stack.signIn({ username })
    const connection = await connectV1(
      stack.replicas.map((r) => r.url),
      other.accessToken,
    )
    t.teardown(() => connection.client.close())
    return connection.call
  },
}

t.test('sdk 1.x: negotiates 2025-11-25 and sends it on every later request', async (t) => {
  t.equal(v1.transport.protocolVersion, REVISION)
  await v1.client.ping()
  t.equal(v1.spread.protocolVersions.at(-1), REVISION)
})

t.test('sdk 1.x: with writes enabled all 16 tools are listed, each with an output schema', async (t) => {
  const listed = await v1.client.listTools()
  t.same(listed.tools.map((tool) => tool.name).sort(), tools.map((tool) => tool.name).sort())
  t.equal(listed.tools.length, 16)
  t.ok(
    listed.tools.every((tool) => tool.outputSchema?.type === 'object'),
    'every tool declares an object outputSchema',
  )
  t.same(
    [...READ_TOOL_CASES, ...WRITE_TOOL_CASES].map((c) => c.tool).sort(),
    tools.map((tool) => tool.name).sort(),
    'a read or write case for every tool, and one only',
  )
})

t.test('sdk 1.x: tools/list on the wire carries each definition’s annotations and schemas', async (t) => {
  for (const replica of stack.replicas) {
    const headers = { 'mcp-protocol-version': REVISION }
    const init = await rawMcp(`${replica.url}/mcp`, { token: accessToken, body: initialize(REVISION) })
    t.equal(init.status, 200, 'initialize')
    const answer = await rawMcp(`${replica.url}/mcp`, {
      token: accessToken,
      headers,
      body: { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
    })
    t.equal(answer.status, 200, 'tools/list')
    const wire = (resultOf(answer, 2)?.tools ?? []) as Array<Record<string, unknown>>
    t.same(
      wire.map((tool) => tool.name),
      tools.map((tool) => tool.name),
      'every tool, in the order of src/tools/index.ts',
    )
    for (const def of tools) {
      const sent = wire.find((tool) => tool.name === def.name)
      const schemas = toolSchemas(def)
      t.same(
        sent,
        {
          name: def.name,
          title: def.title,
          description: def.description,
          inputSchema: schemas.inputSchema,
          outputSchema: schemas.outputSchema,
          annotations: { title: def.title, ...def.annotations },
        },
        `${def.name}: exactly its definition's title, description, schemas and annotations`,
      )
      t.strictSame(sent?.annotations, { title: def.title, ...def.annotations }, `${def.name}: annotations`)
      t.notOk(sent && '$schema' in (sent.inputSchema as object), `${def.name}: no $schema dialect key`)
      const hints = sent?.annotations as { readOnlyHint?: boolean; destructiveHint?: boolean } | undefined
      if (def.write) {
        t.equal(hints?.readOnlyHint, false, `${def.name} is not read-only`)
        t.equal(hints?.destructiveHint, true, `${def.name} is destructive`)
      } else t.equal(hints?.readOnlyHint, true, `${def.name} is read-only`)
    }
    for (const name of ['sendMail', 'createCalendarEvent']) {
      const hints = wire.find((tool) => tool.name === name)?.annotations as
        Record<string, unknown> | undefined
      t.equal(hints?.destructiveHint, true, `${name}: destructiveHint true on the wire`)
      t.equal(hints?.readOnlyHint, false, `${name}: readOnlyHint false on the wire`)
    }
  }
})

for (const readCase of READ_TOOL_CASES)
  t.test(`sdk 1.x: ${readCase.tool} answers from the seed`, (t) => readCase.check(t, v1.call, facts))

for (const writeCase of WRITE_TOOL_CASES)
  t.test(`sdk 1.x: ${writeCase.tool} takes effect in Graph`, (t) =>
    writeCase.check(t, v1.call, facts, writeRun),
  )

t.test('sdk 1.x: the requests were spread over both replicas', async (t) => {
  t.equal(v1.spread.hits.length, 2)
  t.ok(
    v1.spread.hits.every((n) => n >= 5),
    `hits per replica: ${v1.spread.hits.join(', ')}`,
  )
})
