import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { Test } from 'tap'
import * as client from 'openid-client'
import { decodeJwt } from 'jose'
import { CONTOSO } from '../../src/entra/tenants.js'
import { createBrowser } from '@m365mcp/testing'
import { authorizationUrl, authorize, codeFlow, testApp } from './support/flow.js'
import type { TestApp } from './support/flow.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
let app: TestApp
t.before(async () => {
  server = await startIdentityServer()
  app = await testApp(server)
})
t.teardown(() => server.close())

/** Navigates to the authorization URL (no session) and returns where the browser ends up. */
async function navigate(params: Record<string, string>, target: TestApp = app) {
  const { url, state } = await authorizationUrl(target, { params })
  const hop = await createBrowser().follow(url.href, (u) => u.startsWith(target.redirectUri))
  return { ...hop, state, at: new URL(hop.url) }
}

async function errorBack(t: Test, params: Record<string, string>, error: string, code: number) {
  const { at, state } = await navigate(params)
  t.equal(`${at.origin}${at.pathname}`, app.redirectUri, 'sent back to the redirect URI')
  t.equal(at.searchParams.get('error'), error)
  t.match(at.searchParams.get('error_description'), new RegExp(`^AADSTS${code}: `))
  t.equal(at.searchParams.get('state'), state, 'state echoed')
  t.notOk(at.searchParams.has('code'))
}

t.test('authorize: an unknown client is shown AADSTS700016 in the browser, never redirected', async (t) => {
  const response = await fetch(
    `${server.origin}/${CONTOSO.id}/oauth2/v2.0/authorize?client_id=${randomUUID()}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(app.redirectUri)}`,
    { redirect: 'manual' },
  )
  t.equal(response.status, 400)
  t.equal(response.headers.get('location'), null)
  t.equal(response.headers.get('x-frame-options'), 'DENY')
  t.match(await response.text(), /AADSTS700016: Application with identifier/)
})

t.test(
  'authorize: a redirect URI that is not registered exactly is AADSTS50011 in the browser',
  async (t) => {
    for (const redirectUri of [
      `${app.redirectUri}/`,
      `${app.redirectUri}?x=1`,
      app.redirectUri.replace('localhost', '127.0.0.1'),
    ]) {
      const { response, url } = await navigate({ redirect_uri: redirectUri })
      t.equal(response.status, 400, redirectUri)
      t.ok(url.includes('/oauth2/v2.0/authorize'), 'stays at the authorization endpoint')
      t.match(await response.text(), /AADSTS50011: The redirect URI/)
    }
  },
)

t.test('authorize: an unknown tenant is AADSTS90002', async (t) => {
  const response = await fetch(
    `${server.origin}/${randomUUID()}/oauth2/v2.0/authorize?client_id=${app.registration.clientId}`,
  )
  t.equal(response.status, 400)
  t.match(await response.text(), /AADSTS90002: Tenant/)
})

t.test('authorize: the resource parameter goes back to the app as AADSTS901002', async (t) => {
  await errorBack(t, { resource: 'https://graph.microsoft.com' }, 'invalid_request', 901002)
  const { url, state, verifier } = await authorizationUrl(app, {
    params: { resource: 'https://graph.microsoft.com' },
  })
  const hop = await createBrowser().follow(url.href, (u) => u.startsWith(app.redirectUri))
  const err = await client
    .authorizationCodeGrant(app.config, new URL(hop.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    .catch((e: unknown) => e)
  t.ok(err instanceof client.AuthorizationResponseError, 'openid-client sees an authorization error')
  t.equal((err as client.AuthorizationResponseError).error, 'invalid_request')
})

t.test('authorize: .default mixed with named Graph permissions is invalid_scope AADSTS70011', async (t) => {
  await errorBack(
    t,
    { scope: 'openid https://graph.microsoft.com/.default User.Read' },
    'invalid_scope',
    70011,
  )
})

t.test('authorize: a permission Graph does not publish is invalid_scope AADSTS650053', async (t) => {
  await errorBack(t, { scope: 'openid User.ReadEverything' }, 'invalid_scope', 650053)
})

t.test('authorize: a scope of another resource is invalid_resource AADSTS500011', async (t) => {
  await errorBack(t, { scope: 'openid api://contoso-api/access' }, 'invalid_resource', 500011)
})

t.test('authorize: no scope is AADSTS900144, a response_type other than code AADSTS700054', async (t) => {
  await errorBack(t, { scope: '' }, 'invalid_request', 900144)
  await errorBack(t, { response_type: 'id_token' }, 'unsupported_response_type', 700054)
})

t.test('authorize: prompt=none without a session is login_required AADSTS50058', async (t) => {
  await errorBack(t, { prompt: 'none' }, 'login_required', 50058)
})

t.test("authorize: .default expands to the app registration's admin-consented permissions", async (t) => {
  const { tokens } = await codeFlow(server, app, {
    scope: 'openid offline_access https://graph.microsoft.com/.default',
  })
  t.equal(tokens.scope, 'User.Read People.Read Mail.Read openid')
  t.equal(decodeJwt(tokens.access_token).scp, 'User.Read People.Read Mail.Read openid')
})

t.test(
  'authorize: a Graph permission beyond the admin-consented ones is granted on user consent',
  async (t) => {
    const { tokens } = await codeFlow(server, app, { scope: 'openid calendars.read' })
    t.equal(decodeJwt(tokens.access_token).scp, 'Calendars.Read openid', 'canonical spelling')
  },
)

t.test('authorize: response_mode=form_post posts code and state to the redirect URI', async (t) => {
  const browser = createBrowser()
  const { url, state, verifier, nonce } = await authorizationUrl(app, {
    params: { response_mode: 'form_post' },
  })
  const start = await browser.follow(url.href)
  await start.response.text()
  const user = server.seed.demoUsers[0]?.userPrincipalName ?? ''
  const posted = await browser.post(start.url, { login: user, password: 'demo-password' })
  const end = await browser.follow(start.url, () => false, posted)
  t.equal(end.response.status, 200)
  const html = await end.response.text()
  t.match(html, `action="${app.redirectUri}"`)
  const input = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]
  t.equal(input('state'), state)
  t.notOk(input('iss'))
  const callback = new URL(app.redirectUri)
  callback.searchParams.set('code', input('code') ?? '')
  callback.searchParams.set('state', input('state') ?? '')
  const tokens = await client.authorizationCodeGrant(app.config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  })
  t.type(tokens.access_token, 'string', 'the posted code redeems')
})

t.test('authorize: response_mode=fragment puts the error in the fragment', async (t) => {
  const { at, state } = await navigate({ response_mode: 'fragment', resource: 'https://graph.microsoft.com' })
  t.equal(at.search, '')
  const fragment = new URLSearchParams(at.hash.slice(1))
  t.equal(fragment.get('error'), 'invalid_request')
  t.match(fragment.get('error_description'), /^AADSTS901002: /)
  t.equal(fragment.get('state'), state)
})

t.test(
  'authorize: prompt=none for a permission the user has not consented is consent_required AADSTS65001',
  async (t) => {
    const signedIn = await authorize(server, app, { scope: 'openid User.Read' })
    const { url, state } = await authorizationUrl(app, {
      scope: 'openid Calendars.Read',
      params: { prompt: 'none' },
    })
    const hop = await signedIn.browser.follow(url.href, (u) => u.startsWith(app.redirectUri))
    const at = new URL(hop.url)
    t.equal(at.searchParams.get('error'), 'consent_required')
    t.match(at.searchParams.get('error_description'), /^AADSTS65001: /)
    t.equal(at.searchParams.get('state'), state)
    const admin = await authorize(server, app, {
      browser: signedIn.browser,
      scope: 'openid Mail.Read',
      params: { prompt: 'none' },
    })
    t.ok(admin.callbackUrl.searchParams.get('code'), 'an admin-consented permission needs no interaction')
  },
)
