// Failover acceptance (issue 5): two tools replicas as real processes behind the gateway; one MCP
// SDK 1.x Streamable HTTP client (one connection, sequential calls, like a real client) runs 2,000
// `tools/call add`; after 500 of them the replica holding a legacy SSE stream is killed with
// SIGKILL between two calls. No /mcp request may fail: the next requests meet the dead replica's
// closed keep-alive sockets or a refused connection, never reached it, and go to the live replica.
// The legacy SSE stream on the dead replica ends; its client reconnects through the gateway.
//
// The kill is awaited (the process reaped) before the next call. Without that wait, a call sent
// within the moment between kill() returning and the kernel closing the dying process's sockets is
// written on the pooled keep-alive socket, lands unread in the dead process's receive buffer, and
// comes back as ECONNRESET: the request had been written, so by the design rule (retry only what
// never reached a replica) the gateway answers 502 and does not replay it (services/gateway/README).
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { createTestRedisClient, getTestRedis } from '@m365mcp/testing'
import t from 'tap'
import { startStack } from '../support/stack.js'

const CALLS = 2_000
const KILL_AFTER = 500

async function sseClient(url: string, token: string) {
  const transport = new SSEClientTransport(new URL(`${url}/sse`), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  })
  const client = new Client({ name: 'failover-sse', version: '0.0.0' })
  const ended = new Promise<Error>((resolve) => (transport.onerror = resolve))
  await client.connect(transport)
  // The SDK 1.x transport keeps the session's endpoint privately; its query names the session.
  const endpoint = (transport as unknown as { _endpoint?: URL })._endpoint
  return { client, ended, sessionId: endpoint?.searchParams.get('sessionId') ?? '' }
}

// About 10 ms a call on an idle machine (SDK client, gateway, a stateless tools server per request);
// a loaded CI machine may take several times longer, hence the timeout above tap's 120 s default.
const TIMEOUT_MS = 300_000
t.setTimeout(TIMEOUT_MS)

t.test(
  'failover: SIGKILL of a tools replica during 2,000 tools/call; no /mcp request fails',
  { timeout: TIMEOUT_MS },
  async (t) => {
    const stack = await startStack((fn) => t.teardown(fn), {
      toolsProcesses: true,
      // 2,000 calls in a few seconds is far above a user's default budget; limits are tested elsewhere.
      gatewayEnv: { RATE_LIMIT_USER_PER_MINUTE: '0', RATE_LIMIT_CLIENT_PER_MINUTE: '0' },
    })
    const mcpUser = await stack.signIn({ path: '/mcp' })
    const sseUser = await stack.signIn({ path: '/sse' })

    const legacy = await sseClient(stack.publicUrl, sseUser.accessToken)
    t.teardown(() => legacy.client.close())
    const redis = createTestRedisClient((await getTestRedis()).url)
    t.teardown(() => redis.disconnect())
    const entry = await redis.get(`${stack.redisPrefix}tools:sse:session:${legacy.sessionId}`)
    const owner = (JSON.parse(entry ?? '{}') as { owner?: string }).owner ?? ''
    const victim = stack.processes[Number(owner.replace('replica-', ''))]
    if (!victim) throw new Error(`no replica owns the SSE session (entry ${entry})`)

    const client = new Client({ name: 'failover', version: '0.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${stack.publicUrl}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${mcpUser.accessToken}` } },
      }),
    )
    t.teardown(() => client.close())

    const started = performance.now()
    const failures: string[] = []
    let answered = 0
    for (let i = 0; i < CALLS; i++) {
      if (i === KILL_AFTER) {
        victim.child.kill('SIGKILL')
        await victim.exited
      }
      try {
        const sum = await client.callTool({ name: 'add', arguments: { a: i, b: 1 } })
        if (JSON.stringify(sum.content).includes(String(i + 1))) answered++
        else failures.push(`call ${i}: ${JSON.stringify(sum.content)}`)
      } catch (error) {
        failures.push(`call ${i}: ${(error as Error).message}`)
      }
    }
    t.comment(`${CALLS} calls in ${Math.round(performance.now() - started)} ms`)
    t.same(failures, [], 'no /mcp request failed')
    t.equal(answered, CALLS, 'every call answered with its sum')
    t.equal(stack.gateway.services.pool.healthyCount(), 1, 'the dead replica is marked down')

    const ended = await legacy.ended
    t.ok(ended instanceof Error, 'the SSE stream on the dead replica ended')
    await legacy.client.close()
    const again = await sseClient(stack.publicUrl, sseUser.accessToken)
    t.teardown(() => again.client.close())
    t.not(again.sessionId, legacy.sessionId, 'a new session')
    const sum = await again.client.callTool({ name: 'add', arguments: { a: 40, b: 2 } })
    t.match(JSON.stringify(sum.content), /42/, 'the reconnected SSE client works')
  },
)
