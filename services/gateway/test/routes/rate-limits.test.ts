// Rate limits on /mcp, /sse and /messages through the gateway (issue 5), counted in the real Redis
// under a fresh REDIS_PREFIX: a user or client over its limit gets 429 + Retry-After before
// anything is proxied (a JSON-RPC error on /mcp and /messages, an OAuth-style error on /sse) while
// others pass; two gateway replicas on one Redis enforce ONE limit; the next window starts afresh.
import { getTestRedis, uniquePrefix } from '@m365mcp/testing'
import t from 'tap'
import { WINDOW_MS } from '../../src/rate-limit/rate-limiter.js'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway, type GatewayExtras } from '../support/gateway.js'
import type { TeardownHost } from '../support/teardown.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'

async function setUp(t: TeardownHost, env: Record<string, string>, gateways = 1, extras: GatewayExtras = {}) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const upstream = await startEchoUpstream(teardown, 'a')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const { url } = await getTestRedis()
  const shared = {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: upstream.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
    REDIS_URL: url,
    REDIS_PREFIX: uniquePrefix('gateway-rate'),
    ...env,
  }
  const urls: string[] = []
  for (let i = 0; i < gateways; i++) urls.push((await startGateway(teardown, shared, 0, extras)).url)
  const token = (subject: string, clientId = 'client-1', path = '/mcp') =>
    minter.mint({ resource: `${PUBLIC_URL}${path}`, subject, claims: { client_id: clientId } })
  const send = async (gateway: string, path: string, bearer: string) => {
    const res = await fetch(`${gateway}${path}`, {
      method: path === '/sse' ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(path === '/sse' ? {} : { body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }),
    })
    const body = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null
    if (body === null) await res.body?.cancel()
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body }
  }
  return { upstream, urls, token, send }
}

t.test('rate limit: a user over the limit gets 429 + Retry-After; another user is unaffected', async (t) => {
  const { upstream, urls, token, send } = await setUp(t, { RATE_LIMIT_USER_PER_MINUTE: '3' })
  const gw = urls[0] ?? ''
  const alice = await token('usr_alice')
  for (let i = 0; i < 3; i++) t.equal((await send(gw, '/mcp', alice)).status, 200, `request ${i + 1} passes`)
  const refused = await send(gw, '/mcp', alice)
  t.equal(refused.status, 429)
  const retryAfter = Number(refused.retryAfter)
  t.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, 'Retry-After: seconds left')
  t.match(refused.body, { jsonrpc: '2.0', id: null, error: { code: -32000, message: /rate limit/i } })
  t.equal(upstream.seen.length, 3, 'the refused request was never proxied')

  // One budget for the user on every MCP endpoint, in each endpoint's vocabulary.
  const legacy = await token('usr_alice', 'client-1', '/sse')
  t.match(await send(gw, '/messages?sessionId=x', legacy), { status: 429, body: { jsonrpc: '2.0' } })
  t.match(await send(gw, '/sse', legacy), { status: 429, body: { error: 'slow_down' } })

  const bob = await token('usr_bob')
  t.equal((await send(gw, '/mcp', bob)).status, 200, 'bob, same client, is unaffected')
})

t.test('rate limit: a client over its limit is refused for all its users', async (t) => {
  const { urls, token, send } = await setUp(t, {
    RATE_LIMIT_USER_PER_MINUTE: '100',
    RATE_LIMIT_CLIENT_PER_MINUTE: '4',
  })
  const gw = urls[0] ?? ''
  const users = await Promise.all(['usr_a', 'usr_b', 'usr_c', 'usr_d', 'usr_e'].map((s) => token(s)))
  const statuses = []
  for (const user of users) statuses.push((await send(gw, '/mcp', user)).status)
  t.same(statuses, [200, 200, 200, 200, 429], 'the fifth user of the client is refused')
  const other = await token('usr_a', 'client-2')
  t.equal((await send(gw, '/mcp', other)).status, 200, 'the same user through another client passes')
})

t.test('rate limit: two gateway replicas on one Redis enforce ONE shared limit', async (t) => {
  const { urls, token, send } = await setUp(t, { RATE_LIMIT_USER_PER_MINUTE: '6' }, 2)
  const alice = await token('usr_alice')
  const statuses: number[] = []
  for (let i = 0; i < 10; i++) statuses.push((await send(urls[i % 2] ?? '', '/mcp', alice)).status)
  t.same(statuses, [200, 200, 200, 200, 200, 200, 429, 429, 429, 429], 'refused at the shared count (6)')
})

t.test('rate limit: the next window starts afresh', async (t) => {
  let offset = 0
  const { urls, token, send } = await setUp(t, { RATE_LIMIT_USER_PER_MINUTE: '2' }, 1, {
    now: () => Date.now() + offset,
  })
  const gw = urls[0] ?? ''
  const alice = await token('usr_alice')
  await send(gw, '/mcp', alice)
  await send(gw, '/mcp', alice)
  const refused = await send(gw, '/mcp', alice)
  t.equal(refused.status, 429)
  offset += Number(refused.retryAfter) * 1000
  t.equal((await send(gw, '/mcp', alice)).status, 200, 'after Retry-After seconds the user may call again')
  offset += WINDOW_MS
  t.equal((await send(gw, '/mcp', alice)).status, 200)
})
