// POST /revoke against the running service (RFC 7009; ATTACKS D32, D33, F42): a client revokes
// only its own grants, a revoked grant can neither refresh nor be exchanged, and the endpoint
// answers unknown tokens 200 so it is no token oracle (§2.2).
import t from 'tap'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { exchange, signInForTokens, stillAnswering } from '../support/attack-kit.js'
import { register, registerPublicClient, token, type RegisteredClient } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

let auth: AuthHarness
let client: RegisteredClient
let other: RegisteredClient

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
  other = await registerPublicClient(auth.publicUrl, REDIRECT)
})

async function revoke(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${auth.publicUrl}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  }
}

const refreshStatus = async (rt: string, clientId = client.client_id) =>
  (await token(auth.publicUrl, { grant_type: 'refresh_token', refresh_token: rt, client_id: clientId }))
    .status

t.test(
  'RFC 7009 §2.1: revoking a refresh token revokes its grant (refresh and exchange refused)',
  async (t) => {
    const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    const revoked = await revoke({ token: issued.refresh_token, client_id: client.client_id })
    t.equal(revoked.status, 200)
    t.equal(revoked.headers.get('cache-control'), 'no-store')
    t.equal(await refreshStatus(issued.refresh_token), 400, 'the refresh token no longer refreshes')
    t.equal(
      (await exchange(auth, issued.access_token)).status,
      401,
      'F42: the access token is refused at once',
    )
  },
)

t.test('RFC 7009 §2.1: revoking an access token revokes its grant', async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const revoked = await revoke({
    token: issued.access_token,
    token_type_hint: 'access_token',
    client_id: client.client_id,
  })
  t.equal(revoked.status, 200)
  t.equal((await exchange(auth, issued.access_token)).status, 401)
  t.equal(await refreshStatus(issued.refresh_token), 400, 'the grant cannot refresh either')
})

t.test("D32: another client cannot revoke a client's tokens, and is told nothing", async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const byOtherRt = await revoke({ token: issued.refresh_token, client_id: other.client_id })
  t.equal(byOtherRt.status, 200, 'answered 200 like any unknown token')
  const byOtherAt = await revoke({ token: issued.access_token, client_id: other.client_id })
  t.equal(byOtherAt.status, 200)
  t.equal((await exchange(auth, issued.access_token)).status, 200, 'the access token still works')
  t.equal(await refreshStatus(issued.refresh_token), 200, 'the refresh token still works')
})

t.test('RFC 7009 §2.2: an unknown token is answered 200; malformed requests are refused', async (t) => {
  const unknown = await revoke({ token: 'not-a-token-we-issued', client_id: client.client_id })
  t.equal(unknown.status, 200)
  const jwtShaped = await revoke({
    token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln',
    client_id: client.client_id,
  })
  t.equal(jwtShaped.status, 200, 'a forged JWT-shaped token is answered 200 too')

  const missing = await revoke({ client_id: client.client_id })
  t.equal(missing.status, 400)
  t.equal(missing.body.error, 'invalid_request')
  const hint = await revoke({ token: 'x', token_type_hint: 'id_token', client_id: client.client_id })
  t.equal(hint.status, 400)
  t.equal(hint.body.error, 'unsupported_token_type')
  const anonymous = await revoke({ token: 'x' })
  t.equal(anonymous.status, 401, 'no client authentication')
  t.equal(anonymous.body.error, 'invalid_client')
  const unknownClient = await revoke({ token: 'x', client_id: 'mcp_unknown' })
  t.equal(unknownClient.status, 401)
  t.equal(unknownClient.body.error, 'invalid_client')
})

t.test('D33: a confidential client must authenticate to revoke', async (t) => {
  const response = await register(auth.publicUrl, {
    redirect_uris: ['https://confidential.example.com/cb'],
    token_endpoint_auth_method: 'client_secret_post',
  })
  const confidential = (await response.json()) as RegisteredClient
  const wrong = await revoke({ token: 'x', client_id: confidential.client_id, client_secret: 'wrong-secret' })
  t.equal(wrong.status, 401)
  t.equal(wrong.body.error, 'invalid_client')
  const none = await revoke({ token: 'x', client_id: confidential.client_id })
  t.equal(none.status, 401, 'no secret')
  t.equal(none.body.error, 'invalid_client')
  const right = await revoke({
    token: 'x',
    client_id: confidential.client_id,
    client_secret: confidential.client_secret ?? '',
  })
  t.equal(right.status, 200, 'with its secret it may')
  await stillAnswering(t, auth)
})
