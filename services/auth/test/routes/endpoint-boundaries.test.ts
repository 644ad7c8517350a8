// Where each credential is accepted, against the running service (issue 3): the token endpoint
// answers 401 invalid_client for a client_id nobody registered, whatever the grant and however
// the client authenticates (RFC 6749 §5.2), without burning the code it names; and the internal
// token exchange exists only on the internal listener: on the public one it is 404 even with the
// right service credential, and the internal listener serves none of the public OAuth endpoints.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import { startAuth, INTERNAL_SECRET, type AuthHarness } from '../support/auth-harness.js'
import {
  ACCESS_TOKEN_TYPE,
  demoUser,
  exchange,
  signInForTokens,
  TOKEN_EXCHANGE_GRANT,
} from '../support/attack-kit.js'
import {
  registerPublicClient,
  signInThroughConsent,
  token,
  type RegisteredClient,
} from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

let auth: AuthHarness
let client: RegisteredClient

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
})

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`

t.test('an unknown client_id at /token is 401 invalid_client, and the code survives it', async (t) => {
  const signed = await signInThroughConsent(auth.publicUrl, {
    clientId: client.client_id,
    redirectUri: REDIRECT,
    username: demoUser(auth).userPrincipalName,
  })
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const unknown = randomUUID()
  const code = {
    grant_type: 'authorization_code',
    code: signed.code,
    redirect_uri: REDIRECT,
    code_verifier: signed.verifier,
  }
  const cases: Array<[string, Record<string, string>, Record<string, string>]> = [
    ['code grant, public-client form', { ...code, client_id: unknown }, {}],
    ['code grant, client_secret_post', { ...code, client_id: unknown, client_secret: 'a-secret-value' }, {}],
    ['code grant, client_secret_basic', code, { authorization: basic(unknown, 'a-secret-value') }],
    [
      'refresh grant',
      { grant_type: 'refresh_token', refresh_token: issued.refresh_token, client_id: unknown },
      {},
    ],
  ]
  for (const [label, form, headers] of cases) {
    const result = await token(auth.publicUrl, form, headers)
    t.equal(result.status, 401, `${label}: 401`)
    t.equal(result.body.error, 'invalid_client', `${label}: invalid_client`)
    t.notOk(result.body.access_token, `${label}: nothing issued`)
    t.equal(result.headers.get('cache-control'), 'no-store', `${label}: no-store`)
    if (headers.authorization !== undefined) {
      // RFC 6749 §5.2: MUST for a client that authenticated with the Authorization header.
      t.match(result.headers.get('www-authenticate'), /^Basic realm="oauth"/, `${label}: a Basic challenge`)
    } else {
      t.notOk(result.headers.get('www-authenticate'), `${label}: no challenge without Basic credentials`)
    }
  }
  const rightful = await token(auth.publicUrl, { ...code, client_id: client.client_id })
  t.equal(rightful.status, 200, 'the rightful client still redeems the code')
  const refreshed = await token(auth.publicUrl, {
    grant_type: 'refresh_token',
    refresh_token: issued.refresh_token,
    client_id: client.client_id,
  })
  t.equal(refreshed.status, 200, 'and the refresh token still refreshes for its client')
})

t.test('POST /internal/token-exchange on the public listener is 404', async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const form = new URLSearchParams({
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token: issued.access_token,
    subject_token_type: ACCESS_TOKEN_TYPE,
  }).toString()
  const headers = {
    authorization: `Bearer ${INTERNAL_SECRET}`,
    'content-type': 'application/x-www-form-urlencoded',
  }
  const onPublic = await fetch(`${auth.publicUrl}/internal/token-exchange`, {
    method: 'POST',
    headers,
    body: form,
  })
  const text = await onPublic.text()
  t.equal(onPublic.status, 404, 'not served on the public listener')
  t.notMatch(text, /access_token/, 'no Graph token in the answer')
  const onInternal = await exchange(auth, issued.access_token)
  t.equal(onInternal.status, 200, 'the same request on the internal listener answers a Graph token')

  for (const path of [
    '/token',
    '/authorize',
    '/register',
    '/revoke',
    '/.well-known/oauth-authorization-server',
  ]) {
    const response = await fetch(`${auth.internalUrl}${path}`, {
      method: path === '/authorize' || path.startsWith('/.well-known') ? 'GET' : 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      ...(path === '/authorize' || path.startsWith('/.well-known') ? {} : { body: 'grant_type=x' }),
    })
    await response.arrayBuffer()
    t.equal(response.status, 404, `the internal listener does not serve ${path}`)
  }
})
