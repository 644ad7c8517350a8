// The MCP SDK v2 client pinned to revision 2026-07-28 through the gateway: its requests carry
// MCP-Protocol-Version, Mcp-Method and Mcp-Name, which the gateway must forward untouched (and
// allow in CORS) for the tools service to route them.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import t from 'tap'
import { startStack } from '../support/stack.js'

t.test('gateway: the SDK v2 client on 2026-07-28 lists tools and calls add through /mcp', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn))
  const user = await stack.signIn()
  const sent: { version: string | null; method: string | null; name: string | null }[] = []
  const watch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers)
    sent.push({
      version: headers.get('mcp-protocol-version'),
      method: headers.get('mcp-method'),
      name: headers.get('mcp-name'),
    })
    return fetch(input, init)
  }
  const transport = new StreamableHTTPClientTransport(new URL(`${stack.publicUrl}/mcp`), {
    fetch: watch,
    requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
  })
  const client = new Client(
    { name: 'gateway-sdk-v2', version: '2.0.0' },
    { versionNegotiation: { mode: { pin: '2026-07-28' } } },
  )
  await client.connect(transport)
  t.teardown(() => client.close())
  t.equal(client.getNegotiatedProtocolVersion(), '2026-07-28')
  const { tools } = await client.listTools()
  t.ok(tools.some((tool) => tool.name === 'add'))
  const sum = await client.callTool({ name: 'add', arguments: { a: 20, b: 22 } })
  t.match(JSON.stringify(sum.content), /42/)
  const call = sent.find((s) => s.method === 'tools/call')
  t.match(call, { version: '2026-07-28', name: 'add' }, 'Mcp-Method and Mcp-Name went through the gateway')
})
