import t from 'tap'
import type { Test } from 'tap'
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

/** A refresh as the auth service does it (openid-client), which must fail with an OAuth error body. */
async function clientRefreshError(t: Test, token = refreshToken): Promise<client.ResponseBodyError> {
  const err = await client.refreshTokenGrant(app.config, token).catch((e: unknown) => e)
  t.ok(err instanceof client.ResponseBodyError, 'openid-client throws ResponseBodyError')
  return err as client.ResponseBodyError
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

t.test('openid-client: invalid_grant AADSTS700082 is a ResponseBodyError with status 400', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'invalid_grant' })
  const err = await clientRefreshError(t)
  t.equal(err.status, 400)
  t.equal(err.error, 'invalid_grant')
  t.match(err.error_description, /^AADSTS700082: The refresh token has expired due to inactivity\./)
  t.same(err.cause.error_codes, [700082])
  t.equal(err.response.headers.get('retry-after'), null, 'no Retry-After on a definitive failure')
})

t.test(
  'openid-client: interaction_required AADSTS50076 is a ResponseBodyError with status 400',
  async (t) => {
    await addFault({ target: 'token:refresh_token', kind: 'interaction_required' })
    const err = await clientRefreshError(t)
    t.equal(err.status, 400)
    t.equal(err.error, 'interaction_required')
    t.equal(err.cause.suberror, 'basic_action')
    t.same(err.cause.error_codes, [50076])
  },
)

t.test('openid-client: consent_required is a ResponseBodyError with status 400', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'consent_required' })
  const err = await clientRefreshError(t)
  t.equal(err.status, 400)
  t.equal(err.error, 'invalid_grant')
  t.equal(err.cause.suberror, 'consent_required')
  t.same(err.cause.error_codes, [65001])
})

t.test('openid-client: throttle is a ResponseBodyError with status 429 and Retry-After', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'throttle', retryAfter: 7 })
  const err = await clientRefreshError(t)
  t.equal(err.status, 429)
  t.equal(err.error, 'temporarily_unavailable')
  t.same(err.cause.error_codes, [90055])
  t.equal(err.response.headers.get('retry-after'), '7')
})

/**
 * A refresh openid-client refuses without an OAuth error body: oauth4webapi reads error bodies only
 * of 4xx answers, so a 5xx is a ClientError whose cause is the untouched Response (what the auth
 * service's classify-error.ts looks for).
 */
async function clientRefreshHttpError(t: Test, token = refreshToken): Promise<Response> {
  const err = await client.refreshTokenGrant(app.config, token).catch((e: unknown) => e)
  t.ok(err instanceof client.ClientError, 'openid-client throws ClientError')
  t.notOk(err instanceof client.ResponseBodyError, 'not a ResponseBodyError: 5xx bodies are not parsed')
  t.equal((err as client.ClientError).code, 'OAUTH_RESPONSE_IS_NOT_CONFORM')
  const response = (err as client.ClientError).cause
  t.ok(response instanceof Response, 'the cause is the Response')
  return response as Response
}

t.test('openid-client: unavailable is a 503 Response with Retry-After and the Entra body', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'unavailable', retryAfter: 3 })
  const response = await clientRefreshHttpError(t)
  t.equal(response.status, 503)
  t.equal(response.headers.get('retry-after'), '3')
  const body = (await response.json()) as Record<string, unknown>
  t.equal(body.error, 'temporarily_unavailable')
  t.same(body.error_codes, [90033])
})

t.test('faults: a fractional Retry-After is sent as given, not rounded', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'throttle', retryAfter: 0.5, times: 1 })
  const raw = await refresh()
  t.equal(raw.status, 429)
  t.equal(raw.retryAfter, '0.5')
  await addFault({ target: 'token:refresh_token', kind: 'throttle', retryAfter: 0.5, times: 1 })
  const err = await clientRefreshError(t)
  t.equal(err.status, 429)
  t.equal(err.response.headers.get('retry-after'), '0.5', 'as openid-client hands it on')
  await addFault({ target: 'token:refresh_token', kind: 'unavailable', retryAfter: 1.25, times: 1 })
  const response = await clientRefreshHttpError(t)
  t.equal(response.status, 503)
  t.equal(response.headers.get('retry-after'), '1.25')
})

t.test('openid-client: once the fault is used up the same refresh token works again', async (t) => {
  await addFault({ target: 'token:refresh_token', kind: 'throttle', retryAfter: 0.5, times: 1 })
  const err = await clientRefreshError(t)
  t.equal(err.status, 429)
  const tokens = await client.refreshTokenGrant(app.config, refreshToken)
  t.type(tokens.access_token, 'string')
  t.type(tokens.refresh_token, 'string')
})
