// POST /register against the running service (RFC 7591; ATTACKS E36, E38, E39): unsafe redirect
// URIs refused as invalid_redirect_uri, oversized bodies 413, per-source rate limit 429 with
// Retry-After, server-chosen client_id and secret, the auth method echoed.
import t from 'tap'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { stillAnswering } from '../support/attack-kit.js'
import { register, type RegisteredClient } from '../support/mcp-client.js'

let auth: AuthHarness

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn), { DCR_RATE_LIMIT: '1000' })
})

const json = async (response: Response) => (await response.json()) as Record<string, unknown>

t.test(
  'E36: javascript:, data:, file:, wildcard, fragment and non-loopback http redirect URIs are invalid_redirect_uri',
  async (t) => {
    const unsafe = [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'https://*.example.com/cb',
      'https://app.example.com/*',
      'https://app.example.com/cb#fragment',
      'http://app.example.com/cb',
      'http://localhost.evil.com/cb',
      'https://user@app.example.com/cb',
      'https://app.example.com/a/../cb',
      'not a uri',
      '',
    ]
    for (const uri of unsafe) {
      const response = await register(auth.publicUrl, {
        redirect_uris: [uri],
        token_endpoint_auth_method: 'none',
      })
      t.equal(response.status, 400, uri)
      const body = await json(response)
      t.equal(body.error, 'invalid_redirect_uri', `${uri}: invalid_redirect_uri`)
      t.notOk(body.client_id, `${uri}: no client issued`)
    }
    const mixed = await register(auth.publicUrl, {
      redirect_uris: ['https://good.example.com/cb', 'javascript:alert(1)'],
      token_endpoint_auth_method: 'none',
    })
    t.equal(mixed.status, 400, 'one unsafe URI among good ones refuses the registration')
    t.equal((await json(mixed)).error, 'invalid_redirect_uri')
    await stillAnswering(t, auth)
  },
)

t.test('E38: a 1 MB registration is refused with 413', async (t) => {
  const response = await register(auth.publicUrl, {
    client_name: 'x'.repeat(1024 * 1024),
    redirect_uris: ['https://app.example.com/cb'],
  })
  t.equal(response.status, 413)
  t.equal((await json(response)).error, 'invalid_request')
  await stillAnswering(t, auth)
})

t.test('E38: DCR_RATE_LIMIT=3 — the 4th registration from one address is 429 with Retry-After', async (t) => {
  const limited = await startAuth((fn) => t.teardown(fn), { DCR_RATE_LIMIT: '3' })
  const metadata = { redirect_uris: ['https://app.example.com/cb'], token_endpoint_auth_method: 'none' }
  for (let i = 1; i <= 3; i++) {
    const response = await register(limited.publicUrl, metadata)
    await response.arrayBuffer()
    t.equal(response.status, 201, `registration ${i} is accepted`)
  }
  const fourth = await register(limited.publicUrl, metadata)
  t.equal(fourth.status, 429, 'the 4th is rate limited')
  const retryAfter = Number(fourth.headers.get('retry-after'))
  t.ok(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 3600, `Retry-After ${retryAfter}`)
  const body = await json(fourth)
  t.type(body.error, 'string', 'an OAuth error body')
  t.notOk(body.client_id, 'no client issued')
})

t.test('E39: client_id and client_secret in the registration body are not adopted', async (t) => {
  const response = await register(auth.publicUrl, {
    client_id: 'usr_victim',
    client_secret: 'attacker-chosen-secret',
    client_id_issued_at: 1,
    client_secret_expires_at: 1,
    redirect_uris: ['https://app.example.com/cb'],
    token_endpoint_auth_method: 'client_secret_post',
  })
  t.equal(response.status, 201)
  const body = await json(response)
  t.match(body.client_id, /^mcp_[A-Za-z0-9_-]{16,}$/, 'a server-chosen mcp_ client id')
  t.not(body.client_id, 'usr_victim')
  t.type(body.client_secret, 'string')
  t.not(body.client_secret, 'attacker-chosen-secret', 'a server-chosen secret')
  t.not(body.client_id_issued_at, 1)
  t.equal(response.headers.get('cache-control'), 'no-store')
})

t.test(
  'RFC 7591 §3.2.1: token_endpoint_auth_method is echoed; a secret only for secret methods',
  async (t) => {
    for (const method of ['none', 'client_secret_post', 'client_secret_basic']) {
      const response = await register(auth.publicUrl, {
        redirect_uris: ['https://app.example.com/cb'],
        token_endpoint_auth_method: method,
      })
      t.equal(response.status, 201, method)
      const body = (await response.json()) as RegisteredClient & Record<string, unknown>
      t.equal(body.token_endpoint_auth_method, method, `${method} echoed`)
      t.same(body.redirect_uris, ['https://app.example.com/cb'])
      if (method === 'none') t.notOk(body.client_secret, 'none: no secret')
      else
        t.ok(typeof body.client_secret === 'string' && body.client_secret.length >= 32, `${method}: a secret`)
    }
    const unsupported = await register(auth.publicUrl, {
      redirect_uris: ['https://app.example.com/cb'],
      token_endpoint_auth_method: 'private_key_jwt',
    })
    t.equal(unsupported.status, 400)
    t.equal((await json(unsupported)).error, 'invalid_client_metadata')
  },
)

t.test('RFC 7591 §3: a registration that is not application/json is invalid_client_metadata', async (t) => {
  const response = await fetch(`${auth.publicUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'redirect_uris=https%3A%2F%2Fapp.example.com%2Fcb',
  })
  t.equal(response.status, 400)
  t.equal((await json(response)).error, 'invalid_client_metadata')
  const malformed = await fetch(`${auth.publicUrl}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"redirect_uris": [',
  })
  t.equal(malformed.status, 400)
  t.type((await json(malformed)).error, 'string')
})
