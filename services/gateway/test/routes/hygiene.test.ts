// Request hygiene at the edge (ATTACKS F46–F48): a foreign Origin is refused before anything else,
// identity headers a client could spoof never reach a replica (an echo upstream shows what
// arrives), X-Forwarded-* come from the gateway unless a trusted proxy sent them, bodies over the
// limit get 413, and allowed browser origins get CORS with the MCP headers.
import { request as httpRequest } from 'node:http'
import t from 'tap'
import type { TeardownHost } from '../support/teardown.js'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'
const INSPECTOR = 'http://localhost:6274'

async function setUp(t: TeardownHost, env: Record<string, string> = {}) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const tools = await startEchoUpstream(teardown, 'a')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: tools.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
    ALLOWED_ORIGINS: INSPECTOR,
    MAX_BODY_BYTES: '2048',
    ...env,
  })
  const token = await minter.mint({ resource: `${PUBLIC_URL}/mcp` })
  const post = (headers: Record<string, string> = {}, body = '{"jsonrpc":"2.0","id":1,"method":"ping"}') =>
    fetch(`${gw.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body,
    })
  return { tools, gw, token, post }
}

t.test(
  'F46: a foreign Origin → 403 JSON before authentication; absent and allowed origins pass',
  async (t) => {
    const { tools, post, gw } = await setUp(t)
    const evil = await post({ origin: 'https://evil.example' })
    t.equal(evil.status, 403)
    t.match(await evil.json(), { jsonrpc: '2.0', id: null, error: { code: -32000 } })
    const sse = await fetch(`${gw.url}/sse`, { headers: { origin: 'null' } })
    t.equal(sse.status, 403, 'an opaque origin ("null") is foreign too, on /sse as well')
    await sse.body?.cancel()
    const preflight = await fetch(`${gw.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    })
    t.equal(preflight.status, 403, 'no preflight for a foreign origin')
    t.equal(preflight.headers.get('access-control-allow-origin'), null)
    t.equal(tools.seen.length, 0)

    t.equal((await post()).status, 200, 'no Origin (native client)')
    t.equal((await post({ origin: PUBLIC_URL })).status, 200, 'our own origin')
    t.equal((await post({ origin: INSPECTOR })).status, 200, 'an ALLOWED_ORIGINS origin')
  },
)

t.test(
  'CORS: allowed origins get the MCP headers; upstream CORS is replaced; preflight lists them',
  async (t) => {
    const { post, gw } = await setUp(t)
    const preflight = await fetch(`${gw.url}/mcp`, {
      method: 'OPTIONS',
      headers: { origin: INSPECTOR, 'access-control-request-method': 'POST' },
    })
    t.equal(preflight.status, 204)
    t.equal(preflight.headers.get('access-control-allow-origin'), INSPECTOR)
    const allowed = preflight.headers.get('access-control-allow-headers') ?? ''
    for (const header of [
      'Authorization',
      'Content-Type',
      'Mcp-Session-Id',
      'MCP-Protocol-Version',
      'Mcp-Method',
      'Mcp-Name',
      'Last-Event-ID',
    ])
      t.match(allowed, header, `allows ${header}`)
    const res = await post({ origin: INSPECTOR })
    t.equal(res.headers.get('access-control-allow-origin'), INSPECTOR, 'the upstream "*" is not passed on')
    t.equal(res.headers.get('access-control-expose-headers'), 'WWW-Authenticate, Mcp-Session-Id, Retry-After')
    const refused = await fetch(`${gw.url}/mcp`, { method: 'POST', headers: { origin: INSPECTOR } })
    t.equal(refused.status, 401)
    t.equal(
      refused.headers.get('access-control-allow-origin'),
      INSPECTOR,
      'a browser can read the 401 challenge',
    )
  },
)

t.test(
  'F47: spoofed identity and forwarding headers are stripped; X-Forwarded-* set by the gateway',
  async (t) => {
    const { tools, post } = await setUp(t)
    const res = await post({
      'x-user-id': 'usr_admin',
      'x-authenticated-user': 'admin@contoso.com',
      'x-internal-secret': 'guess',
      'x-mcp-user': 'admin',
      forwarded: 'for=1.2.3.4;proto=https',
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
      'x-real-ip': '1.2.3.4',
      'mcp-session-id': 'sess-1',
      'mcp-protocol-version': '2025-11-25',
      'last-event-id': '7',
      'mcp-method': 'tools/call',
      'mcp-name': 'add',
      // The gateway owns the trace context it sends on (docs/tracing.md).
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      tracestate: 'vendor=x',
    })
    t.equal(res.status, 200)
    const seen = tools.seen[0]?.headers ?? {}
    for (const name of [
      'x-user-id',
      'x-authenticated-user',
      'x-internal-secret',
      'x-mcp-user',
      'forwarded',
      'x-real-ip',
      'traceparent',
      'tracestate',
    ])
      t.equal(seen[name], undefined, `${name} stripped`)
    t.equal(seen['x-forwarded-for'], '127.0.0.1', 'the peer address, not the claimed one')
    t.equal(seen['x-forwarded-proto'], 'http')
    t.match(seen['x-forwarded-host'], /^127\.0\.0\.1:\d+$/)
    t.equal(seen['mcp-session-id'], 'sess-1', 'MCP headers are forwarded')
    t.equal(seen['mcp-protocol-version'], '2025-11-25')
    t.equal(seen['last-event-id'], '7')
    t.equal(seen['mcp-method'], 'tools/call')
    t.equal(seen['mcp-name'], 'add')
    t.equal(seen['accept-encoding'], undefined, 'MCP responses are asked uncompressed')
  },
)

t.test('F47: X-Forwarded-* from a trusted proxy are kept and extended', async (t) => {
  const { tools, post } = await setUp(t, { TRUST_PROXY: 'loopback' })
  await post({
    'x-forwarded-for': '203.0.113.9',
    'x-forwarded-proto': 'https',
    'x-forwarded-host': 'mcp.example.com',
  })
  const seen = tools.seen[0]?.headers ?? {}
  t.equal(seen['x-forwarded-for'], '203.0.113.9, 127.0.0.1')
  t.equal(seen['x-forwarded-proto'], 'https')
  t.equal(seen['x-forwarded-host'], 'mcp.example.com')
})

t.test('F48: a body over MAX_BODY_BYTES → 413, declared or streamed, never forwarded whole', async (t) => {
  const { tools, post, gw, token } = await setUp(t)
  const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(4096) } })
  const declared = await post({}, big)
  t.equal(declared.status, 413)
  t.match(await declared.json(), { jsonrpc: '2.0', error: { code: -32600 } })
  t.equal(tools.seen.length, 0, 'refused before any upstream was contacted')

  // Chunked (no Content-Length): counted while streaming.
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${gw.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      },
    })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    for (let i = 0; i < 8; i++) req.write('x'.repeat(1024))
    req.end()
  })
  t.equal(status, 413)
  t.notOk(
    tools.seen.some((s) => s.body.length > 2048),
    'the upstream never received the oversized body',
  )
})
