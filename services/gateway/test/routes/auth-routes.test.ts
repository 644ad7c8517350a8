// The OAuth paths pass through the gateway to the auth service's public listener unchanged:
// method, path and query, body, status, Location and every Set-Cookie; hop-by-hop and spoofed
// identity headers are removed, X-Forwarded-* added; the browser pages get no CORS headers even
// when the upstream sends some; an unreachable auth service gives 503, not a hang.
import { request as httpRequest } from 'node:http'
import t from 'tap'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'

const PUBLIC_URL = 'http://localhost:8788'

async function setUp(t: { teardown(fn: () => Promise<void> | void): void }, authUpstream?: string) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const auth = await startEchoUpstream(teardown, 'auth')
  const tools = await startEchoUpstream(teardown, 'tools')
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    AUTH_UPSTREAM: authUpstream ?? auth.url,
    TOOLS_UPSTREAMS: tools.url,
  })
  return { auth, tools, gw }
}

t.test(
  'auth routes: every OAuth path reaches the auth service with method, query and body intact',
  async (t) => {
    const { auth, tools, gw } = await setUp(t)
    const paths = ['/.well-known/oauth-authorization-server', '/jwks.json', '/callback?code=c&state=s']
    for (const path of paths) await (await fetch(`${gw.url}${path}`)).text()
    for (const path of ['/register', '/token', '/revoke', '/consent']) {
      const res = await fetch(`${gw.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-user-id': 'usr_admin' },
        body: 'grant_type=authorization_code&code=abc',
      })
      await res.text()
    }
    t.same(
      auth.seen.map((s) => `${s.method} ${s.url}`),
      [...paths.map((p) => `GET ${p}`), 'POST /register', 'POST /token', 'POST /revoke', 'POST /consent'],
    )
    const token = auth.seen.find((s) => s.url === '/token')
    t.equal(token?.body, 'grant_type=authorization_code&code=abc')
    t.equal(token?.headers['content-type'], 'application/x-www-form-urlencoded')
    t.equal(token?.headers['x-user-id'], undefined, 'identity headers stripped here too')
    t.equal(
      token?.headers['x-forwarded-for'],
      '127.0.0.1',
      'the auth service (TRUST_PROXY=loopback) sees the client',
    )
    t.equal(token?.headers['x-forwarded-proto'], 'http')
    t.equal(tools.seen.length, 0)
  },
)

t.test(
  'auth routes: status, Location and both Set-Cookie headers survive; no CORS on /authorize',
  async (t) => {
    const { gw } = await setUp(t)
    const res = await fetch(`${gw.url}/authorize?client_id=c&state=s`, { redirect: 'manual' })
    t.equal(res.status, 302)
    t.equal(res.headers.get('location'), 'https://login.example/authorize?x=1')
    t.same(res.headers.getSetCookie(), ['a=1; Path=/', 'b=2; Path=/'])
    t.equal(
      res.headers.get('access-control-allow-origin'),
      null,
      'the upstream "*" is dropped on a browser page',
    )
    const token = await fetch(`${gw.url}/token`, { method: 'POST', body: 'x=1' })
    t.equal(
      token.headers.get('access-control-allow-origin'),
      '*',
      'other auth paths keep what the auth service says',
    )
  },
)

t.test(
  'auth routes: Expect: 100-continue and Connection-listed headers are handled here, not forwarded',
  async (t) => {
    const { auth, gw } = await setUp(t)
    const body = 'x'.repeat(10_000)
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${gw.url}/token`, {
        method: 'POST',
        headers: {
          expect: '100-continue',
          connection: 'keep-alive, x-hop',
          'x-hop': '1',
          'content-length': body.length,
        },
      })
      req.on('continue', () => req.end(body))
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
    })
    t.equal(status, 200)
    const seen = auth.seen.at(-1)
    t.equal(seen?.body.length, body.length, 'the body arrived whole')
    t.equal(seen?.headers.expect, undefined)
    t.equal(seen?.headers['x-hop'], undefined, 'a header named by Connection is hop-by-hop (RFC 9110 §7.6.1)')
  },
)

t.test('auth routes: auth service unreachable → 503 OAuth error with Retry-After', async (t) => {
  const { gw } = await setUp(t, 'http://127.0.0.1:1')
  const res = await fetch(`${gw.url}/token`, { method: 'POST', body: 'grant_type=x' })
  t.equal(res.status, 503)
  t.ok(res.headers.get('retry-after'))
  t.match(await res.json(), { error: 'temporarily_unavailable' })
  const ready = await fetch(`${gw.url}/readyz`)
  t.equal(ready.status, 503, 'not ready without the auth service')
  t.match(await ready.json(), { authReachable: false })
})
