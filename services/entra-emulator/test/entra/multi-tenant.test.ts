// The multi-tenant authorities (`/organizations`, `/common`) under Entra's real origin, driven by
// openid-client, which accepts the `{tenantid}` issuer template only for https://login.microsoftonline.com:
// its transport and the browser route that origin to the emulator on loopback.
import { randomUUID } from 'node:crypto'
import * as client from 'openid-client'
import t from 'tap'
import { CONTOSO, FABRIKAM } from '../../src/entra/tenants.js'
import { CLIENT_SECRET, startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'
import { createRoutedBrowser, routeUrl } from '@m365mcp/testing'

const ENTRA = 'https://login.microsoftonline.com'
const REDIRECT_URI = 'http://localhost:1/callback'
const SCOPE = 'openid profile email offline_access User.Read'

let server: IdentityServer
let routes: Record<string, string>
t.before(async () => {
  server = await startIdentityServer({ origin: ENTRA })
  routes = { [ENTRA]: server.url }
})
t.teardown(() => server.close())

const routedFetch: client.CustomFetch = (url, options) => fetch(routeUrl(routes, url), options)

/** A multi-tenant app: one client id, registered (as service principals) in the given tenants. */
function multiTenantApp(tenants: readonly string[]): string {
  const clientId = randomUUID()
  for (const tenantId of tenants) {
    server.client({ clientId, tenantId, redirectUris: [REDIRECT_URI], name: 'Multi-tenant App' })
  }
  return clientId
}

async function discover(clientId: string, authority = 'organizations'): Promise<client.Configuration> {
  const config = await client.discovery(
    new URL(`${ENTRA}/${authority}/v2.0`),
    clientId,
    undefined,
    client.ClientSecretPost(CLIENT_SECRET),
    { [client.customFetch]: routedFetch },
  )
  config[client.customFetch] = routedFetch
  return config
}

function userOf(tenantId: string) {
  const user = server.seed.demoUsers.find((u) => u.tenantId === tenantId)
  if (!user) throw new Error(`no demo user in ${tenantId}`)
  return user
}

/** authorize → account prompt → home tenant's password page → redirect back with the code. */
async function signIn(config: client.Configuration, username: string) {
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  const browser = createRoutedBrowser(routes)
  const atApp = (u: string) => u.startsWith(REDIRECT_URI)
  const picker = await browser.get(url.href)
  const pickerHtml = await picker.text()
  const account = await browser.post(url.href, { login: username })
  const home = await browser.follow(url.href, atApp, account)
  const homeHtml = await home.response.text()
  const posted = await browser.post(home.url, { login: username, password: 'demo-password' })
  const end = await browser.follow(home.url, atApp, posted)
  return { picker, pickerHtml, account, home, homeHtml, end, verifier, state, nonce }
}

t.test(
  'organizations and common discovery: the {tenantid} issuer template, endpoints and all keys',
  async (t) => {
    for (const authority of ['organizations', 'common']) {
      const response = await fetch(`${server.url}/${authority}/v2.0/.well-known/openid-configuration`)
      t.equal(response.status, 200)
      const metadata = (await response.json()) as Record<string, string>
      t.equal(metadata.issuer, `${ENTRA}/{tenantid}/v2.0`)
      t.equal(metadata.authorization_endpoint, `${ENTRA}/${authority}/oauth2/v2.0/authorize`)
      t.equal(metadata.token_endpoint, `${ENTRA}/${authority}/oauth2/v2.0/token`)
      t.equal(metadata.jwks_uri, `${ENTRA}/${authority}/discovery/v2.0/keys`)
      const jwks = (await (await fetch(routeUrl(routes, metadata.jwks_uri ?? ''))).json()) as {
        keys: Array<{ kid: string }>
      }
      const kids = jwks.keys.map((k) => k.kid).sort()
      const expected = [CONTOSO.id, FABRIKAM.id].map((tid) => server.keys.publicJwks(tid).keys[0]?.kid).sort()
      t.same(kids, expected, 'every tenant key')
    }
    const contoso = (await (
      await fetch(`${server.url}/${CONTOSO.id}/v2.0/.well-known/openid-configuration`)
    ).json()) as Record<string, string>
    t.equal(contoso.issuer, `${ENTRA}/${CONTOSO.id}/v2.0`, 'tenant issuers under the given origin')
  },
)

t.test('users of each tenant sign in at /organizations; ID tokens carry their own tenant', async (t) => {
  const clientId = multiTenantApp([CONTOSO.id, FABRIKAM.id])
  const config = await discover(clientId)
  t.equal(config.serverMetadata().issuer, `${ENTRA}/{tenantid}/v2.0`)
  const subjects = new Set<string>()
  for (const tenant of [CONTOSO, FABRIKAM]) {
    const user = userOf(tenant.id)
    const flow = await signIn(config, user.userPrincipalName)
    t.equal(flow.picker.status, 200)
    t.ok(flow.pickerHtml.includes(userOf(CONTOSO.id).userPrincipalName), 'picker lists Contoso users')
    t.ok(flow.pickerHtml.includes(userOf(FABRIKAM.id).userPrincipalName), 'picker lists Fabrikam users')
    t.equal(flow.account.status, 303)
    t.match(
      flow.account.headers.get('location'),
      `${ENTRA}/${tenant.id}/oauth2/v2.0/authorize?`,
      'sent on to the home tenant',
    )
    t.match(flow.home.url, `${ENTRA}/${tenant.id}/login/`)
    t.ok(flow.homeHtml.includes(`value="${user.userPrincipalName}"`), 'username carried as login_hint')
    t.ok(flow.end.url.startsWith(REDIRECT_URI), `back at the app: ${flow.end.url}`)
    const tokens = await client.authorizationCodeGrant(config, new URL(flow.end.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    t.equal(claims?.iss, `${ENTRA}/${tenant.id}/v2.0`)
    t.equal(claims?.tid, tenant.id)
    t.equal(claims?.oid, user.id)
    t.equal(claims?.aud, clientId)
    subjects.add(String(claims?.sub))
    t.ok(tokens.refresh_token, 'refresh token')
    // Refresh at the multi-tenant token endpoint reaches the tenant that issued the token.
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '', { scope: SCOPE })
    t.ok(refreshed.access_token)
    t.equal(refreshed.claims()?.tid, tenant.id)
  }
  t.equal(subjects.size, 2)
})

t.test('/common serves the same flow', async (t) => {
  const clientId = multiTenantApp([CONTOSO.id, FABRIKAM.id])
  const config = await discover(clientId, 'common')
  const user = userOf(FABRIKAM.id)
  const flow = await signIn(config, user.userPrincipalName)
  const tokens = await client.authorizationCodeGrant(config, new URL(flow.end.url), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  })
  t.equal(tokens.claims()?.iss, `${ENTRA}/${FABRIKAM.id}/v2.0`)
})

t.test('a user whose tenant lacks the app registration is stopped (AADSTS700016)', async (t) => {
  const clientId = multiTenantApp([CONTOSO.id])
  const config = await discover(clientId)
  const flow = await signIn(config, userOf(FABRIKAM.id).userPrincipalName)
  t.equal(flow.account.status, 400)
  t.match(flow.homeHtml, 'AADSTS700016', 'the error page, no redirect')
})

t.test(
  'an unknown account is asked again; unknown clients and redirect URIs are refused locally',
  async (t) => {
    const clientId = multiTenantApp([CONTOSO.id])
    const config = await discover(clientId)
    const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: SCOPE })
    const browser = createRoutedBrowser(routes)
    const again = await browser.post(url.href, { login: 'nobody@contoso.example' })
    t.equal(again.status, 200)
    const html = await again.text()
    t.match(html, 'AADSTS50126')
    t.match(html, 'value="nobody@contoso.example"')

    const unknown = new URL(url)
    unknown.searchParams.set('client_id', randomUUID())
    const refused = await browser.get(unknown.href)
    t.equal(refused.status, 400)
    t.match(await refused.text(), 'AADSTS700016')

    const foreign = new URL(url)
    foreign.searchParams.set('redirect_uri', 'https://attacker.example/cb')
    const mismatch = await browser.get(foreign.href)
    t.equal(mismatch.status, 400)
    t.match(await mismatch.text(), 'AADSTS50011')
    t.equal(mismatch.headers.get('location'), null)
  },
)

t.test('the multi-tenant token endpoint refuses a code no tenant issued', async (t) => {
  const clientId = multiTenantApp([CONTOSO.id, FABRIKAM.id])
  const response = await fetch(`${server.url}/organizations/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: CLIENT_SECRET,
      code: 'not-a-code',
      redirect_uri: REDIRECT_URI,
      code_verifier: client.randomPKCECodeVerifier(),
    }).toString(),
  })
  t.equal(response.status, 400)
  const body = (await response.json()) as { error: string }
  t.equal(body.error, 'invalid_grant')
})
