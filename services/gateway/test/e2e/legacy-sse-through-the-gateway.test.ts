// Legacy HTTP+SSE (MCP 2024-11-05) through the gateway with the MCP SDK 1.x SSE client: the stream
// opens on one tools replica, the client's POST /messages are balanced round robin over both (the
// tools service relays them to the stream's owner through Redis), and the stream's headers and
// `endpoint` event arrive while the stream is otherwise idle.
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import t from 'tap'
import { startStack } from '../support/stack.js'

t.test('gateway: the SDK SSE client lists tools and calls add through /sse + /messages', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn))
  const user = await stack.signIn({ path: '/sse' })

  const started = performance.now()
  const raw = await fetch(`${stack.publicUrl}/sse`, {
    headers: { authorization: `Bearer ${user.accessToken}`, accept: 'text/event-stream' },
  })
  const reader = raw.body?.getReader()
  const first = new TextDecoder().decode((await reader?.read())?.value)
  t.comment(`headers and endpoint event after ${(performance.now() - started).toFixed(1)} ms`)
  t.equal(raw.headers.get('content-type')?.split(';')[0], 'text/event-stream')
  t.match(first, /^event: endpoint\ndata: \/messages\?sessionId=[^\n]+\n\n/)
  await reader?.cancel()

  const transport = new SSEClientTransport(new URL(`${stack.publicUrl}/sse`), {
    requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
  })
  const client = new Client({ name: 'gateway-sse-e2e', version: '0.0.0' })
  await client.connect(transport)
  t.teardown(() => client.close())
  const { tools } = await client.listTools()
  t.ok(
    tools.some((tool) => tool.name === 'add'),
    'tools listed',
  )
  for (let i = 0; i < 4; i++) {
    const sum = await client.callTool({ name: 'add', arguments: { a: i, b: 40 } })
    t.match(JSON.stringify(sum.content), String(40 + i), `call ${i} answered over the stream`)
  }
})

t.test('gateway: a /mcp token is refused on /sse (F40)', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), { replicas: 1 })
  const user = await stack.signIn({ path: '/mcp' })
  const res = await fetch(`${stack.publicUrl}/sse`, {
    headers: { authorization: `Bearer ${user.accessToken}`, accept: 'text/event-stream' },
  })
  t.equal(res.status, 401)
  t.match(res.headers.get('www-authenticate'), /resource_metadata="[^"]+\/oauth-protected-resource\/sse"/)
  await res.body?.cancel()
})
