// Balancing over the tools replicas: round robin across healthy replicas, a replica failing its
// health check is skipped until it passes again, a request that never reached a replica
// (connection refused) is retried on another, and with no healthy replica the client gets 503 +
// Retry-After with a JSON-RPC error.
import { createServer } from 'node:net'
import t from 'tap'
import type { TeardownHost } from '../support/teardown.js'
import { freePort } from '@m365mcp/testing'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'

async function setUp(
  t: TeardownHost,
  upstreams: (urls: string[]) => string[] = (u) => u,
  env: Record<string, string> = {},
) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const a = await startEchoUpstream(teardown, 'a')
  const b = await startEchoUpstream(teardown, 'b')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: upstreams([a.url, b.url]).join(','),
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
    HEALTH_CHECK_INTERVAL: '100ms',
    HEALTH_CHECK_TIMEOUT: '500ms',
    ...env,
  })
  const token = await minter.mint({ resource: `${PUBLIC_URL}/mcp` })
  const call = async () => {
    const res = await fetch(`${gw.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    })
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() }
  }
  const upstreamOf = async () => ((await call()).body as { result?: { upstream?: string } }).result?.upstream
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20))
    return condition()
  }
  return { a, b, gw, call, upstreamOf, until }
}

t.test('pool: requests alternate between two healthy replicas (round robin)', async (t) => {
  const { upstreamOf } = await setUp(t)
  const seen: (string | undefined)[] = []
  for (let i = 0; i < 6; i++) seen.push(await upstreamOf())
  t.same([...seen].sort(), ['a', 'a', 'a', 'b', 'b', 'b'])
  for (let i = 1; i < seen.length; i++) t.not(seen[i], seen[i - 1], `request ${i} went to the other replica`)
})

t.test('pool: a replica failing its health check is skipped, and used again once it passes', async (t) => {
  const { a, b, gw, upstreamOf, until } = await setUp(t)
  b.healthy = false
  t.ok(await until(() => gw.services.pool.healthyCount() === 1), 'b marked down by the active check')
  const before = b.seen.length
  for (let i = 0; i < 4; i++) t.equal(await upstreamOf(), 'a')
  t.equal(b.seen.length, before, 'no request reached b while down')
  b.healthy = true
  t.ok(await until(() => gw.services.pool.healthyCount() === 2), 'b back up after a passing check')
  const names = new Set([await upstreamOf(), await upstreamOf()])
  t.same([...names].sort(), ['a', 'b'])
  t.ok(a.seen.length > 0)
})

t.test(
  'pool: connection refused (never reached) → retried on the other replica, replica marked down',
  async (t) => {
    const dead = await freePort()
    // Checks far apart: only the proxy's own connection error can mark the dead replica down here.
    const { gw, call, a } = await setUp(t, (urls) => [`http://127.0.0.1:${dead}`, urls[0] ?? ''], {
      HEALTH_CHECK_INTERVAL: '5m',
    })
    for (const replica of gw.services.pool.list()) replica.healthy = true
    for (let i = 0; i < 4; i++) {
      const res = await call()
      t.equal(res.status, 200, `request ${i} answered`)
      t.match(res.body, { result: { upstream: 'a' } })
    }
    t.equal(a.seen.length, 4, 'each request reached the live replica exactly once')
    t.equal(gw.services.pool.list().find((r) => r.url.endsWith(`:${dead}`))?.healthy, false)
  },
)

t.test('pool: a reset after the request was written is not retried (502, one attempt only)', async (t) => {
  const port = await freePort()
  const resetter = createServer((socket) => socket.once('data', () => socket.resetAndDestroy()))
  await new Promise<void>((resolve) => resetter.listen(port, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => resetter.close(() => resolve())))
  const { gw, call, a, b } = await setUp(t, (urls) => [`http://127.0.0.1:${port}`, ...urls], {
    HEALTH_CHECK_INTERVAL: '5m',
  })
  for (const replica of gw.services.pool.list()) replica.healthy = true
  const results = [await call(), await call(), await call()]
  const failed = results.filter((r) => r.status === 502)
  t.equal(failed.length, 1, 'the request that reached the resetting replica failed instead of being replayed')
  t.match(failed[0]?.body, { jsonrpc: '2.0', error: { code: -32000 } })
  t.equal(a.seen.length + b.seen.length, 2, 'the other two were answered normally')
})

t.test('pool: no healthy replica → 503 + Retry-After and a JSON-RPC error', async (t) => {
  const { a, b, gw, call, until } = await setUp(t)
  a.healthy = false
  b.healthy = false
  t.ok(await until(() => gw.services.pool.healthyCount() === 0))
  const res = await call()
  t.equal(res.status, 503)
  t.ok(Number(res.retryAfter) > 0, 'Retry-After')
  t.match(res.body, { jsonrpc: '2.0', id: null, error: { code: -32000 } })
  const ready = await fetch(`${gw.url}/readyz`)
  t.equal(ready.status, 503, 'not ready without a tools replica')
  t.match(await ready.json(), { status: 'not_ready', toolsReplicasHealthy: 0 })
})
