// CORS on the endpoints browser-based MCP clients fetch (OAuth 2.0 for Browser-Based Applications
// §6.1), never on the pages a browser navigates (RFC 9700 §4.16), never with credentials.
import t from 'tap'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'

const ORIGIN = 'http://localhost:6274'
let auth: AuthHarness

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
})

function preflight(path: string, requestHeaders: string): Promise<Response> {
  return fetch(`${auth.publicUrl}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin: ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': requestHeaders,
    },
  })
}

t.test('cors: the token endpoint answers a preflight for a JSON or form POST from any origin', async (t) => {
  const res = await preflight('/token', 'content-type, authorization')
  t.equal(res.status, 204)
  t.equal(res.headers.get('access-control-allow-origin'), '*')
  t.match(res.headers.get('access-control-allow-methods'), /POST/)
  t.match(res.headers.get('access-control-allow-headers'), /Content-Type/)
  t.match(res.headers.get('access-control-allow-headers'), /Authorization/)
  t.equal(res.headers.get('access-control-allow-credentials'), null, 'credentials are never allowed')
})

t.test('cors: discovery with MCP-Protocol-Version passes its preflight', async (t) => {
  const res = await preflight('/.well-known/oauth-authorization-server', 'mcp-protocol-version')
  t.equal(res.status, 204)
  t.match(res.headers.get('access-control-allow-headers'), /MCP-Protocol-Version/)
})

t.test('cors: a token error is readable cross-origin, with WWW-Authenticate exposed', async (t) => {
  const res = await fetch(`${auth.publicUrl}/token`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', client_id: 'nobody' }),
  })
  t.ok(res.status === 400 || res.status === 401, `an OAuth error (${res.status})`)
  t.equal(res.headers.get('access-control-allow-origin'), '*')
  t.match(res.headers.get('access-control-expose-headers'), /WWW-Authenticate/)
  t.match(((await res.json()) as { error?: string }).error, /^invalid_/)
})

t.test('cors: dynamic client registration works from a browser page', async (t) => {
  const res = await fetch(`${auth.publicUrl}/register`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'MCP Inspector',
      redirect_uris: ['http://localhost:6274/oauth/callback'],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    }),
  })
  t.equal(res.status, 201)
  t.equal(res.headers.get('access-control-allow-origin'), '*')
})

t.test('cors: the pages a browser navigates carry no CORS and have no preflight', async (t) => {
  for (const path of ['/authorize', '/consent', '/callback']) {
    const options = await preflight(path, 'content-type')
    t.equal(options.headers.get('access-control-allow-origin'), null, `no preflight for ${path}`)
    t.not(options.status, 204, `${path} answers no preflight`)
    const get = await fetch(`${auth.publicUrl}${path}`, { headers: { origin: ORIGIN }, redirect: 'manual' })
    t.equal(get.headers.get('access-control-allow-origin'), null, `no CORS on GET ${path}`)
  }
})

t.test('cors: a request without Origin gets no CORS headers on the API endpoints', async (t) => {
  const res = await fetch(`${auth.publicUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=authorization_code',
  })
  t.equal(res.headers.get('access-control-allow-origin'), null)
})
