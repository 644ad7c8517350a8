import t from 'tap'
import type { Test } from 'tap'
import * as client from 'openid-client'
import { exportJWK, generateKeyPair } from 'jose'
import type { CryptoKey } from 'jose'
import { CONTOSO } from '../../src/entra/tenants.js'
import { authorize, testApp } from './support/flow.js'
import type { TestApp } from './support/flow.js'
import { CLIENT_SECRET, startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
let privateKey: CryptoKey
let otherKey: CryptoKey
let publicJwk: Record<string, unknown>
t.before(async () => {
  server = await startIdentityServer()
  const pair = await generateKeyPair('RS256', { extractable: true })
  privateKey = pair.privateKey
  otherKey = (await generateKeyPair('RS256')).privateKey
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'cert-1', alg: 'RS256', use: 'sig' }
})
t.teardown(() => server.close())

const tokenEndpoint = () => `${server.origin}/${CONTOSO.id}/oauth2/v2.0/token`

/** private_key_jwt as Entra wants it: the assertion's audience is the token endpoint. */
function certificateAuth(
  key: CryptoKey,
  modify: (payload: Record<string, unknown>) => void = () => {},
): client.ClientAuth {
  return client.PrivateKeyJwt(
    { key, kid: 'cert-1' },
    {
      [client.modifyAssertion]: (_header, payload) => {
        payload.aud = tokenEndpoint()
        modify(payload)
      },
    },
  )
}

async function redeem(app: TestApp) {
  const authorized = await authorize(server, app)
  return client
    .authorizationCodeGrant(app.config, authorized.callbackUrl, {
      pkceCodeVerifier: authorized.verifier,
      expectedState: authorized.state,
      expectedNonce: authorized.nonce,
    })
    .catch((err: unknown) => err)
}

async function certificateApp(auth: client.ClientAuth): Promise<TestApp> {
  return testApp(server, { clientSecret: undefined, jwks: { keys: [publicJwk] } }, auth)
}

function entraError(t: Test, result: unknown, error: string, code: number): void {
  t.ok(result instanceof client.ResponseBodyError, `${error} is a token endpoint error`)
  const err = result as client.ResponseBodyError
  t.equal(err.status, 401)
  t.equal(err.error, error)
  t.same((err.cause as { error_codes?: number[] }).error_codes, [code])
}

t.test(
  'client auth: private_key_jwt with aud = the token endpoint authenticates a certificate app',
  async (t) => {
    const result = await redeem(await certificateApp(certificateAuth(privateKey)))
    t.notOk(result instanceof Error, `no error: ${String(result)}`)
    t.type((result as client.TokenEndpointResponse).access_token, 'string')
  },
)

t.test('client auth: an assertion whose aud is the issuer is refused (AADSTS700023)', async (t) => {
  const app = await certificateApp(client.PrivateKeyJwt({ key: privateKey, kid: 'cert-1' }))
  entraError(t, await redeem(app), 'invalid_client', 700023)
})

t.test('client auth: an assertion signed by another key is refused (AADSTS700027)', async (t) => {
  entraError(t, await redeem(await certificateApp(certificateAuth(otherKey))), 'invalid_client', 700027)
})

t.test('client auth: an expired assertion is refused (AADSTS700024)', async (t) => {
  const past = Math.floor(Date.now() / 1000) - 3600
  const app = await certificateApp(
    certificateAuth(privateKey, (payload) => {
      Object.assign(payload, { iat: past - 60, nbf: past - 60, exp: past })
    }),
  )
  entraError(t, await redeem(app), 'invalid_client', 700024)
})

t.test('client auth: a secret presented for a certificate-only app is refused (AADSTS7000215)', async (t) => {
  const app = await certificateApp(client.ClientSecretPost(CLIENT_SECRET))
  entraError(t, await redeem(app), 'invalid_client', 7000215)
})

t.test(
  'client auth: a confidential app that presents no credential is refused (AADSTS7000218)',
  async (t) => {
    const app = await testApp(server, {}, client.None())
    entraError(t, await redeem(app), 'invalid_client', 7000218)
  },
)

t.test('client auth: two authentication methods in one request are refused (RFC 6749 §2.3)', async (t) => {
  const app = await testApp(server)
  const response = await fetch(tokenEndpoint(), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${app.registration.clientId}:${CLIENT_SECRET}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'x',
      client_id: app.registration.clientId,
      client_secret: CLIENT_SECRET,
    }).toString(),
  })
  t.equal(response.status, 400)
  t.equal(((await response.json()) as { error: string }).error, 'invalid_request')
})
