// POST /token with an expired authorization code (ATTACKS D29), against the running service, real
// Redis and the emulator. Codes live 60 s; the service's clock is moved instead of waiting.
import t from 'tap'
import { startAuthWith, type AuthHarness } from '../support/auth-harness.js'
import { demoUser, redisKeys, stillAnswering } from '../support/attack-kit.js'
import {
  registerPublicClient,
  signInThroughConsent,
  token,
  type RegisteredClient,
} from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'
const CODE_TTL_MS = 60_000

let auth: AuthHarness
let client: RegisteredClient
/** How far the services' clock runs ahead of the wall clock. */
let ahead = 0

t.before(async () => {
  auth = await startAuthWith((fn) => t.teardown(fn), { now: () => Date.now() + ahead })
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
})
t.afterEach(() => {
  ahead = 0
})

async function codeThenLater(ms: number) {
  ahead = 0
  const signed = await signInThroughConsent(auth.publicUrl, {
    clientId: client.client_id,
    redirectUri: REDIRECT,
    username: demoUser(auth).userPrincipalName,
  })
  ahead = ms
  return token(auth.publicUrl, {
    grant_type: 'authorization_code',
    code: signed.code,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    code_verifier: signed.verifier,
  })
}

t.test('D29: a code redeemed after its TTL (+1 s) is invalid_grant and issues nothing', async (t) => {
  const rtKeys = async () => (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) => k.includes(':rt:'))
  const before = await rtKeys()
  const late = await codeThenLater(CODE_TTL_MS + 1000)
  t.equal(late.status, 400)
  t.equal(late.body.error, 'invalid_grant')
  t.notOk(late.body.access_token, 'no access token')
  t.notOk(late.body.refresh_token, 'no refresh token')
  t.equal(late.headers.get('cache-control'), 'no-store')
  t.same(await rtKeys(), before, 'no refresh token was stored')
  await stillAnswering(t, auth)
})

t.test(
  'D29: a code redeemed at the end of its TTL is also refused (valid strictly less than 60 s)',
  async (t) => {
    const atTtl = await codeThenLater(CODE_TTL_MS)
    t.equal(atTtl.status, 400)
    t.equal(atTtl.body.error, 'invalid_grant')
    t.notOk(atTtl.body.access_token)
  },
)

t.test('D29 control: the same code redeemed 1 s before its TTL is accepted', async (t) => {
  const inTime = await codeThenLater(CODE_TTL_MS - 1000)
  t.equal(inTime.status, 200, JSON.stringify(inTime.body.error ?? ''))
  t.ok(inTime.body.access_token, 'tokens issued')
})
