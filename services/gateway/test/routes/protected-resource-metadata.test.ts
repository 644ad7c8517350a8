// RFC 9728 protected resource metadata served by the gateway: one document per MCP resource, the
// root document describing /mcp, `resource` exactly the URL clients call, the issuer as the only
// authorization server, public CORS and short caching.
import t from 'tap'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'

const PUBLIC_URL = 'https://mcp.example.com'

t.test(
  'protected resource metadata: exact documents for /mcp, /sse and the root (RFC 9728 §3)',
  async (t) => {
    const tools = await startEchoUpstream((fn) => t.teardown(fn), 'a')
    const gw = await startGateway((fn) => t.teardown(fn), {
      PUBLIC_URL,
      TOOLS_UPSTREAMS: tools.url,
      AUTH_UPSTREAM: 'http://127.0.0.1:1',
    })
    const expect = (path: '/mcp' | '/sse') => ({
      resource: `${PUBLIC_URL}${path}`,
      authorization_servers: [PUBLIC_URL],
      scopes_supported: ['mcp'],
      bearer_methods_supported: ['header'],
      resource_name: path === '/mcp' ? 'Microsoft 365 MCP server' : 'Microsoft 365 MCP server (legacy SSE)',
    })
    for (const [suffix, path] of [
      ['/mcp', '/mcp'],
      ['/sse', '/sse'],
      ['', '/mcp'],
    ] as const) {
      const res = await fetch(`${gw.url}/.well-known/oauth-protected-resource${suffix}`)
      t.equal(res.status, 200, `${suffix || 'root'} served`)
      t.same(await res.json(), expect(path), `${suffix || 'root'} document is exact`)
      t.equal(res.headers.get('access-control-allow-origin'), '*')
      t.match(res.headers.get('cache-control'), /^public, max-age=\d+$/)
    }
    const preflight = await fetch(`${gw.url}/.well-known/oauth-protected-resource/mcp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://inspector.example', 'access-control-request-method': 'GET' },
    })
    t.equal(preflight.status, 204)
    t.equal(preflight.headers.get('access-control-allow-origin'), '*')
    t.equal(tools.seen.length, 0, 'served by the gateway itself, never proxied')
  },
)

t.test('routing: anything that is not a known route → 404 JSON, never proxied', async (t) => {
  const tools = await startEchoUpstream((fn) => t.teardown(fn), 'a')
  const gw = await startGateway((fn) => t.teardown(fn), {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: tools.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
  })
  for (const path of [
    '/',
    '/admin',
    '/internal/token-exchange',
    '/mcp/extra',
    '/.well-known/openid-configuration',
  ]) {
    const res = await fetch(`${gw.url}${path}`)
    t.equal(res.status, 404, `${path} → 404`)
    t.same(await res.json(), { error: 'not_found' })
  }
  t.equal(tools.seen.length, 0)
})
