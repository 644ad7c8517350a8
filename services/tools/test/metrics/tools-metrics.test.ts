import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { parseExposition, sampleValue, startMetricsServer } from '@m365mcp/metrics'
import t from 'tap'
import { startStack } from '../support/stack.js'

t.test('metrics: a tool call is counted by tool and outcome, never by user', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), { replicas: 1 })
  const replica = stack.replicas[0]
  if (!replica) throw new Error('no replica')
  const metrics = await startMetricsServer({
    host: '127.0.0.1',
    port: 0,
    registry: replica.services.metrics.registry,
    logger: { error: () => undefined },
  })
  t.teardown(() => metrics.close())
  const user = await stack.signIn()
  const client = new Client({ name: 'metrics-test', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${replica.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
    }),
  )
  t.teardown(() => client.close())

  t.match(await client.callTool({ name: 'add', arguments: { a: 2, b: 3 } }), { isError: undefined })
  t.match(await client.callTool({ name: 'add', arguments: { a: 'two' } }), { isError: true })
  // A Graph-backed tool: one exchange with the Graph emulator.
  t.match(await client.callTool({ name: 'getUserProfile', arguments: {} }), { content: [{ type: 'text' }] })

  const text = await (await fetch(metrics.url)).text()
  const samples = parseExposition(text)
  t.equal(sampleValue(samples, 'm365mcp_tool_calls_total', { tool: 'add', outcome: 'ok' }), 1)
  t.equal(sampleValue(samples, 'm365mcp_tool_calls_total', { tool: 'add', outcome: 'tool_error' }), 1)
  t.equal(sampleValue(samples, 'm365mcp_tool_call_duration_seconds_count', { tool: 'add' }), 2)
  t.equal(sampleValue(samples, 'm365mcp_tool_calls_total', { tool: 'getUserProfile', outcome: 'ok' }), 1)
  t.ok(sampleValue(samples, 'm365mcp_graph_requests_total', { status_class: '2xx' }) >= 1)
  t.ok(
    sampleValue(samples, 'm365mcp_http_requests_total', {
      service: 'tools',
      method: 'POST',
      route: '/mcp',
    }) >= 3,
  )
  for (const secret of [user.accessToken, user.sub, stack.clientId, stack.demoUsername(0)])
    t.notOk(text.includes(secret), 'no token, user or client in the scrape')
})
