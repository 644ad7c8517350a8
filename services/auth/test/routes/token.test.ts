// POST /token against the running service (ATTACKS A5, A6, D26–D34): PKCE on redemption, single
// use codes bound to client and redirect URI, refresh rotation and reuse detection, client
// authentication, and Cache-Control: no-store on every answer (RFC 6749 §5.1).
import t from 'tap'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { demoUser, exchange, signInForTokens, stillAnswering } from '../support/attack-kit.js'
import {
  b64url,
  register,
  registerPublicClient,
  signInThroughConsent,
  token,
  type RegisteredClient,
} from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'
const SECRET_REDIRECT = 'https://confidential.example.com/cb'

let auth: AuthHarness
let client: RegisteredClient
let other: RegisteredClient

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
  other = await registerPublicClient(auth.publicUrl, REDIRECT)
})

async function codeFor(clientId: string, redirectUri = REDIRECT) {
  return signInThroughConsent(auth.publicUrl, {
    clientId,
    redirectUri,
    username: demoUser(auth).userPrincipalName,
  })
}

const redeem = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  token(auth.publicUrl, { grant_type: 'authorization_code', ...form }, headers)

const refresh = (refreshToken: string, clientId: string, extra: Record<string, string> = {}) =>
  token(auth.publicUrl, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
    ...extra,
  })

t.test('A5: a code redeemed without code_verifier is invalid_grant', async (t) => {
  const signed = await codeFor(client.client_id)
  const result = await redeem({ code: signed.code, redirect_uri: REDIRECT, client_id: client.client_id })
  t.equal(result.status, 400)
  t.equal(result.body.error, 'invalid_grant')
  t.notOk(result.body.access_token, 'nothing issued')
  t.equal(result.headers.get('cache-control'), 'no-store', 'D34: no-store on errors too')
})

t.test('A6: a wrong, short or illegal-charset code_verifier is invalid_grant', async (t) => {
  const verifiers: Array<[string, string]> = [
    ['wrong verifier', b64url(Buffer.alloc(32, 1))],
    ['short verifier (< 43 chars)', 'a'.repeat(42)],
    ['illegal characters', `${'a'.repeat(42)}+/=`],
  ]
  for (const [label, verifier] of verifiers) {
    const signed = await codeFor(client.client_id)
    const result = await redeem({
      code: signed.code,
      redirect_uri: REDIRECT,
      client_id: client.client_id,
      code_verifier: verifier,
    })
    t.equal(result.status, 400, label)
    t.equal(result.body.error, 'invalid_grant', label)
    t.notOk(result.body.access_token, `${label}: nothing issued`)
  }
})

t.test('D26: a replayed code fails and revokes the tokens of the first redemption', async (t) => {
  const signed = await codeFor(client.client_id)
  const form = {
    code: signed.code,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    code_verifier: signed.verifier,
  }
  const first = await redeem(form)
  t.equal(first.status, 200)
  t.equal((await exchange(auth, String(first.body.access_token))).status, 200, 'the first AT works')
  const second = await redeem(form)
  t.equal(second.status, 400)
  t.equal(second.body.error, 'invalid_grant', 'the replay is invalid_grant')
  t.notOk(second.body.access_token)
  const refreshed = await refresh(String(first.body.refresh_token), client.client_id)
  t.equal(refreshed.status, 400)
  t.equal(refreshed.body.error, 'invalid_grant', "the first redemption's refresh token is revoked")
  const exchanged = await exchange(auth, String(first.body.access_token))
  t.equal(exchanged.status, 401, "the token exchange refuses the first redemption's access token")
})

t.test('D27: a code redeemed by another client or with another redirect_uri is invalid_grant', async (t) => {
  const signed = await codeFor(client.client_id)
  const byOther = await redeem({
    code: signed.code,
    redirect_uri: REDIRECT,
    client_id: other.client_id,
    code_verifier: signed.verifier,
  })
  t.equal(byOther.status, 400)
  t.equal(byOther.body.error, 'invalid_grant', 'another client_id')

  const again = await codeFor(client.client_id)
  const otherRedirect = await redeem({
    code: again.code,
    redirect_uri: 'http://127.0.0.1:33418/other',
    client_id: client.client_id,
    code_verifier: again.verifier,
  })
  t.equal(otherRedirect.status, 400)
  t.equal(otherRedirect.body.error, 'invalid_grant', 'another redirect_uri')
  t.notOk(otherRedirect.body.access_token)
})

t.test('D28: 50 concurrent redemptions of one code give exactly one 200', async (t) => {
  const signed = await codeFor(client.client_id)
  const form = {
    code: signed.code,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    code_verifier: signed.verifier,
  }
  const results = await Promise.all(Array.from({ length: 50 }, () => redeem(form)))
  const outcomes = results.map((r) => `${r.status} ${JSON.stringify(r.body.error ?? '')}`).join(', ')
  t.equal(results.filter((r) => r.status === 200).length, 1, `exactly one success (${outcomes})`)
  t.ok(
    results
      .filter((r) => r.status !== 200)
      .every((r) => r.status === 400 && r.body.error === 'invalid_grant'),
    `every other answer is invalid_grant (${outcomes})`,
  )
})

t.test(
  'D30: every refresh rotates; the old refresh token no longer refreshes after its successor is used',
  async (t) => {
    const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    const first = await refresh(issued.refresh_token, client.client_id)
    t.equal(first.status, 200)
    t.not(first.body.refresh_token, issued.refresh_token, 'a new refresh token')
    const second = await refresh(String(first.body.refresh_token), client.client_id)
    t.equal(second.status, 200, 'the new one refreshes')
    const stale = await refresh(issued.refresh_token, client.client_id)
    t.equal(stale.status, 400)
    t.equal(stale.body.error, 'invalid_grant', 'the twice-rotated token is invalid_grant')
  },
)

t.test('D31: a refresh asking for a broader scope or another resource is refused', async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const broader = await refresh(issued.refresh_token, client.client_id, { scope: 'mcp admin' })
  t.equal(broader.status, 400)
  t.equal(broader.body.error, 'invalid_scope')
  const foreign = await refresh(issued.refresh_token, client.client_id, {
    resource: 'https://evil.example/mcp',
  })
  t.equal(foreign.status, 400)
  t.equal(foreign.body.error, 'invalid_target')
  t.notOk(foreign.body.access_token)
})

t.test("D32: client A's refresh token presented by client B is invalid_grant", async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const stolen = await refresh(issued.refresh_token, other.client_id)
  t.equal(stolen.status, 400)
  t.equal(stolen.body.error, 'invalid_grant')
  t.notOk(stolen.body.access_token)
})

t.test('D33: confidential clients must authenticate with their registered method and secret', async (t) => {
  const response = await register(auth.publicUrl, {
    client_name: 'Confidential',
    redirect_uris: [SECRET_REDIRECT],
    token_endpoint_auth_method: 'client_secret_post',
  })
  const confidential = (await response.json()) as RegisteredClient
  const secret = confidential.client_secret ?? ''
  t.ok(secret.length >= 32, 'a secret was issued')
  const basicOf = (id: string, s: string) =>
    `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(s)}`).toString('base64')}`

  const signed = await codeFor(confidential.client_id, SECRET_REDIRECT)
  const base = { code: signed.code, redirect_uri: SECRET_REDIRECT, code_verifier: signed.verifier }
  const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['wrong secret', { client_id: confidential.client_id, client_secret: `${secret}x` }, {}],
    ['no secret', { client_id: confidential.client_id }, {}],
    ['basic for a client_secret_post client', {}, { authorization: basicOf(confidential.client_id, secret) }],
  ]
  for (const [label, form, headers] of cases) {
    const result = await redeem({ ...base, ...form }, headers)
    t.equal(result.status, 401, label)
    t.equal(result.body.error, 'invalid_client', label)
    t.notOk(result.body.access_token, `${label}: nothing issued`)
  }
  const good = await redeem({ ...base, client_id: confidential.client_id, client_secret: secret })
  t.equal(good.status, 200, 'the right secret by the registered method still redeems the code')

  const basicResponse = await register(auth.publicUrl, {
    redirect_uris: [SECRET_REDIRECT],
    token_endpoint_auth_method: 'client_secret_basic',
  })
  const basicClient = (await basicResponse.json()) as RegisteredClient
  const posted = await token(auth.publicUrl, {
    grant_type: 'authorization_code',
    code: 'whatever',
    client_id: basicClient.client_id,
    client_secret: basicClient.client_secret ?? '',
  })
  t.equal(posted.status, 401, 'post for a client_secret_basic client')
  t.equal(posted.body.error, 'invalid_client')

  const clientCredentials = await token(auth.publicUrl, {
    grant_type: 'client_credentials',
    client_id: client.client_id,
  })
  t.equal(clientCredentials.status, 400, 'a public client asking for client_credentials')
  t.equal(clientCredentials.body.error, 'unsupported_grant_type')
  t.equal(clientCredentials.headers.get('cache-control'), 'no-store', 'D34')
  await stillAnswering(t, auth)
})

t.test('D34: token responses carry Cache-Control: no-store and no token in any URL', async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  t.equal(issued.status, 200)
  const refreshed = await refresh(issued.refresh_token, client.client_id)
  t.equal(refreshed.headers.get('cache-control'), 'no-store')
  t.equal(refreshed.headers.get('pragma'), 'no-cache')
  t.equal(refreshed.headers.get('location'), null)
  const malformed = await token(auth.publicUrl, { grant_type: 'authorization_code' })
  t.equal(malformed.headers.get('cache-control'), 'no-store', 'errors are no-store too')
})

t.test(
  'D30 (REFRESH_TOKEN_GRACE=0): reuse of a rotated token revokes the family; 20 racers, at most one wins',
  async (t) => {
    const strict = await startAuth((fn) => t.teardown(fn), { REFRESH_TOKEN_GRACE: '0' })
    const strictClient = await registerPublicClient(strict.publicUrl, REDIRECT)
    const issued = await signInForTokens(strict, { clientId: strictClient.client_id, redirectUri: REDIRECT })
    const strictRefresh = (rt: string) =>
      token(strict.publicUrl, {
        grant_type: 'refresh_token',
        refresh_token: rt,
        client_id: strictClient.client_id,
      })

    const rotated = await strictRefresh(issued.refresh_token)
    t.equal(rotated.status, 200)
    const reused = await strictRefresh(issued.refresh_token)
    t.equal(reused.status, 400)
    t.equal(reused.body.error, 'invalid_grant', 'the old refresh token is refused')
    const successor = await strictRefresh(String(rotated.body.refresh_token))
    t.equal(successor.status, 400, 'reuse revoked the whole family: the successor is refused too')
    t.equal(successor.body.error, 'invalid_grant')
    t.equal((await exchange(strict, String(rotated.body.access_token))).status, 401, 'and its access token')

    const again = await signInForTokens(strict, { clientId: strictClient.client_id, redirectUri: REDIRECT })
    const racers = await Promise.all(Array.from({ length: 20 }, () => strictRefresh(again.refresh_token)))
    const wins = racers.filter((r) => r.status === 200).length
    t.ok(wins <= 1, `at most one of 20 concurrent refreshes succeeds (${wins})`)
    t.ok(
      racers.filter((r) => r.status !== 200).every((r) => r.body.error === 'invalid_grant'),
      `the others are invalid_grant (${racers.map((r) => `${r.status} ${JSON.stringify(r.body.error ?? '')}`).join(', ')})`,
    )
  },
)
