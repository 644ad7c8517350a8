// The composed emulator as the product meets it: a confidential client signs a demo user in with
// openid-client, then calls Graph over HTTPS trusting only the per-run CA.
import t from 'tap'
import * as client from 'openid-client'
import pino from 'pino'
import { Agent, fetch } from 'undici'
import { startEmulator } from '../src/app.js'
import { CONTOSO, DEMO_PASSWORD } from '../src/entra/tenants.js'
import { createBrowser } from '@m365mcp/testing'
import { signIn } from './entra/support/sign-in.js'

const CLIENT_ID = '0c6b0f8e-1d2a-4b3c-9d4e-5f6a7b8c9d0e'
const SECRET = 'composed-emulator-secret'
const REDIRECT = 'http://localhost:8788/callback'

t.test('startEmulator: sign-in with openid-client, then Graph /me over HTTPS with the run CA', async (t) => {
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger: pino({ level: 'silent' }),
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        tenantId: CONTOSO.id,
        redirectUris: [REDIRECT],
        permissions: ['User.Read', 'Mail.Read'],
      },
    ],
  })
  t.teardown(() => emulator.close())
  const user = emulator.seed.demoUsers.find((u) => u.tenantId === CONTOSO.id)
  if (!user) throw new Error('seed has no Contoso demo user')

  const config = await client.discovery(
    new URL(emulator.issuer(CONTOSO.id)),
    CLIENT_ID,
    undefined,
    client.ClientSecretBasic(SECRET),
    { execute: [client.allowInsecureRequests] },
  )
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: 'openid profile email offline_access https://graph.microsoft.com/.default',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  const { callbackUrl } = await signIn(createBrowser(), url, REDIRECT, {
    username: user.userPrincipalName,
    password: DEMO_PASSWORD,
  })
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  })
  t.equal(tokens.claims()?.oid, user.id, 'the ID token names the signed-in user')
  t.ok(tokens.refresh_token, 'offline_access yields a refresh token')

  const dispatcher = new Agent({ connect: { ca: emulator.caPem } })
  t.teardown(() => dispatcher.close())
  const me = await fetch(`${emulator.graphBaseUrl}/me`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
    dispatcher,
  })
  t.equal(me.status, 200)
  const body = (await me.json()) as { id: string; userPrincipalName: string }
  t.equal(body.id, user.id)
  t.equal(body.userPrincipalName, user.userPrincipalName)

  const denied = await fetch(`${emulator.graphBaseUrl}/me/people`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
    dispatcher,
  })
  t.equal(denied.status, 403, '.default grants only the app registration permissions')

  await t.rejects(
    fetch(`${emulator.graphBaseUrl}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } }),
    'without the run CA the Graph certificate is not trusted',
  )
})
