// The MCP SDK 1.x SSEClientTransport (legacy HTTP+SSE, 2024-11-05) through the gateway's /sse with
// a token for the /sse resource (RFC 8707 audience): the stream lives on one tools replica, the
// POSTs to /messages may reach either; a token for /mcp is refused on /sse.
import t from 'tap'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import { DEMO_USER, startFullStack, type FullStack } from './support/full-stack.js'
import { signIn, type Grant } from './support/sign-in.js'

let stack: FullStack
let grant: Grant
t.before(async () => {
  stack = await startFullStack((fn) => t.teardown(fn), 'sse-client')
  grant = await signIn({ publicUrl: stack.publicUrl, username: DEMO_USER, resource: stack.sseUrl })
  stack.remember(grant.accessToken, grant.refreshToken, grant.code)
})

const connect = async (token: string) => {
  const client = new Client({ name: 'e2e-sse', version: '1.0.0' })
  await client.connect(
    new SSEClientTransport(new URL(stack.sseUrl), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  )
  return client
}

t.test('sse 1.x: lists tools and calls getUserProfile over /sse + /messages', async (t) => {
  const client = await connect(grant.accessToken)
  t.teardown(() => client.close())
  const { tools } = await client.listTools()
  t.ok(
    tools.some((tool) => tool.name === 'getUserProfile'),
    'getUserProfile listed',
  )
  for (let i = 0; i < 3; i++) {
    const result = (await client.callTool({ name: 'getUserProfile', arguments: {} })) as {
      isError?: boolean
      structuredContent?: { mail?: string }
    }
    t.notOk(result.isError, `call ${i} answered`)
    t.equal(result.structuredContent?.mail, DEMO_USER)
  }
})

t.test('sse 1.x: a token whose audience is /mcp is refused on /sse (RFC 8707)', async (t) => {
  const forMcp = await signIn({ publicUrl: stack.publicUrl, username: DEMO_USER, resource: stack.mcpUrl })
  stack.remember(forMcp.accessToken, forMcp.refreshToken, forMcp.code)
  await t.rejects(connect(forMcp.accessToken), 'the stream is not opened')
})

t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
  t.same(await stack.leaks(), [])
})
