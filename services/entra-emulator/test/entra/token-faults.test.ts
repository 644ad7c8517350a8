import t from 'tap'
import * as client from 'openid-client'
import { authorize, codeFlow, testApp } from './support/flow.js'
import type { TestApp } from './support/flow.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
let app: TestApp
let refreshToken: string
let userId: string
t.before(async () => {
  server = await startIdentityServer()
  app = await testApp(server)
  const user = server.seed.demoUsers[0]
  if (!user) throw new Error('seed has no demo user')
  userId = user.id
  const { tokens } = await codeFlow(server, app, { username: user.userPrincipalName })
  refreshToken = tokens.refresh_token ?? ''
})
t.teardown(() => server.close())
t.afterEach(async () => {
  await fetch(`${server.origin}/_emulator/faults`, { method: 'DELETE' })
})

async function addFault(rule: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${server.origin}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  })
  if (response.status !== 201) throw new Error(`fault not added: ${response.status} ${await response.text()}`)
}

/** A refresh as a raw request, to see status and headers. */
async function refresh(token = refreshToken) {
  const response = await fetch(app.config.serverMetadata().token_endpoint ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: token,
      client_id: app.registration.clientId,
      client_secret: app.registration.clientSecret ?? '',
    }).toString(),
  })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  }
}

t.test('faults: invalid_grant on token:refresh_token is 400 invalid_grant AADSTS700082', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'invalid_grant' })
  const { status, body } = await refresh()
  t.equal(status, 400)
  t.equal(body.error, 'invalid_grant')
  t.same(body.error_codes, [700082])
  t.match(body.error_description, /^AADSTS700082: The refresh token has expired due to inactivity\./)
})

t.test(
  'faults: consent_required is 400 invalid_grant with suberror consent_required (AADSTS65001)',
  async (t) => {
    await addFault({ target: 'token:refresh_token', kind: 'consent_required' })
    const err = await client.refreshTokenGrant(app.config, refreshToken).catch((e: unknown) => e)
    t.ok(err instanceof client.ResponseBodyError)
    const body = (err as client.ResponseBodyError).cause as Record<string, unknown>
    t.equal(body.error, 'invalid_grant')
    t.equal(body.suberror, 'consent_required')
    t.same(body.error_codes, [65001])
  },
)

t.test('faults: interaction_required is 400 interaction_required AADSTS50076', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'interaction_required' })
  const { status, body } = await refresh()
  t.equal(status, 400)
  t.equal(body.error, 'interaction_required')
  t.same(body.error_codes, [50076])
})

t.test('faults: throttle is 429 with Retry-After', async (t) => {
  await addFault({ target: 'token:*', kind: 'throttle', retryAfter: 7 })
  const { status, retryAfter, body } = await refresh()
  t.equal(status, 429)
  t.equal(retryAfter, '7')
  t.equal(body.error, 'temporarily_unavailable')
})

t.test('faults: unavailable is 503 with Retry-After and an Entra error body', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'unavailable', retryAfter: 3 })
  const { status, retryAfter, body } = await refresh()
  t.equal(status, 503)
  t.equal(retryAfter, '3')
  t.equal(body.error, 'temporarily_unavailable')
  t.same(body.error_codes, [90033])
})

t.test('faults: a rule for one user leaves other users alone, and `times` retires it', async (t) => {
  await addFault({
    target: 'token:refresh_token',
    kind: 'invalid_grant',
    userId: '00000000-0000-4000-8000-000000000000',
  })
  t.equal((await refresh()).status, 200, 'another user is not affected')
  await fetch(`${server.origin}/_emulator/faults`, { method: 'DELETE' })
  await addFault({ target: 'token:refresh_token', kind: 'invalid_grant', userId, times: 1 })
  t.equal((await refresh()).status, 400, 'the user is')
  t.equal((await refresh()).status, 200, 'once')
})

t.test('faults: token:authorization_code fails the code redemption', async (t) => {
  await addFault({ target: 'token:authorization_code', kind: 'invalid_grant' })
  const authorized = await authorize(server, app)
  const err = await client
    .authorizationCodeGrant(app.config, authorized.callbackUrl, {
      pkceCodeVerifier: authorized.verifier,
      expectedState: authorized.state,
      expectedNonce: authorized.nonce,
    })
    .catch((e: unknown) => e)
  t.ok(err instanceof client.ResponseBodyError)
  t.equal((err as client.ResponseBodyError).error, 'invalid_grant')
  t.match((err as client.ResponseBodyError).error_description, /^AADSTS70008: /)
})
