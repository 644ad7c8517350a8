import t from 'tap'
import { CONTOSO, DEMO_PASSWORD, FABRIKAM } from '../../src/entra/tenants.js'
import { createBrowser } from '@m365mcp/testing'
import type { Browser } from '@m365mcp/testing'
import { authorizationUrl, authorize, testApp } from './support/flow.js'
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

const escape = (s: string) =>
  s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

/** Opens the login page of a new authorization request. */
async function loginPage(
  target: TestApp = app,
  params: Record<string, string> = {},
  browser: Browser = createBrowser(),
) {
  const { url, state } = await authorizationUrl(target, { params })
  const hop = await browser.follow(url.href, (u) => u.startsWith(target.redirectUri))
  return { browser, url: hop.url, response: hop.response, html: await hop.response.text(), state }
}

t.test(
  "login page: lists the tenant's demo users, the app, its permissions and the demo password hint",
  async (t) => {
    const { response, html, url } = await loginPage()
    t.equal(response.status, 200)
    t.match(url, new RegExp(`/${CONTOSO.id}/login/`))
    const contosoDemo = server.seed.demoUsers.filter((u) => u.tenantId === CONTOSO.id)
    t.ok(contosoDemo.length > 0)
    for (const user of contosoDemo) {
      t.ok(html.includes(escape(user.displayName)), `shows ${user.displayName}`)
      t.ok(html.includes(escape(user.userPrincipalName)), `shows ${user.userPrincipalName}`)
    }
    for (const user of server.seed.users.filter((u) => u.tenantId === FABRIKAM.id)) {
      t.notOk(html.includes(escape(user.userPrincipalName)), `no Fabrikam user ${user.userPrincipalName}`)
    }
    t.match(html, 'Test App')
    t.match(html, 'Microsoft Graph: User.Read')
    t.match(html, `demo password: <strong>${DEMO_PASSWORD}</strong>`)
    t.notMatch(html, /<script|<link|<img|src=|@import/i, 'no scripts or external resources')
    t.equal(response.headers.get('x-frame-options'), 'DENY')
    t.match(response.headers.get('content-security-policy'), /default-src 'none'.*frame-ancestors 'none'/)
  },
)

t.test('login page: everything shown is HTML-escaped', async (t) => {
  const hostile = await testApp(server, { name: `<script>alert("x")</script> & Co's` })
  const { html } = await loginPage(hostile, { login_hint: '"><img src=x onerror=alert(1)>' })
  t.notMatch(html, '<script>alert')
  t.match(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s')
  t.notMatch(html, '<img src=x')
  t.match(html, 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')
})

t.test('login page: login_hint prefills the username', async (t) => {
  const { html } = await loginPage(app, { login_hint: 'marcus.chen@contoso.example' })
  t.match(html, /name="login" autocomplete="username" value="marcus\.chen@contoso\.example"/)
})

t.test('login page: wrong credentials re-render the page with AADSTS50126, for any reason', async (t) => {
  const demo = server.seed.demoUsers.find((u) => u.tenantId === CONTOSO.id)
  const fabrikam = server.seed.users.find((u) => u.tenantId === FABRIKAM.id)
  if (!demo || !fabrikam) throw new Error('seed lacks users')
  const attempts = [
    { login: demo.userPrincipalName, password: 'wrong' },
    { login: 'nobody@contoso.example', password: DEMO_PASSWORD },
    { login: fabrikam.userPrincipalName, password: DEMO_PASSWORD },
  ]
  for (const form of attempts) {
    const { browser, url } = await loginPage()
    const response = await browser.post(url, form)
    t.equal(response.status, 200, form.login)
    t.equal(response.headers.get('location'), null, 'no redirect')
    const html = await response.text()
    t.match(html, 'AADSTS50126: Error validating credentials due to invalid username or password.')
    t.match(html, `value="${escape(form.login)}"`, 'the username stays filled in')
  }
})

t.test('login page: picking a demo user (with the password) signs in', async (t) => {
  const user = server.seed.demoUsers[1]
  if (!user) throw new Error('seed has no second demo user')
  const { browser, url } = await loginPage()
  const posted = await browser.post(url, { pick: user.userPrincipalName, password: DEMO_PASSWORD })
  const end = await browser.follow(url, (u) => u.startsWith(app.redirectUri), posted)
  t.ok(new URL(end.url).searchParams.get('code'), 'code delivered')
})

t.test('login page: Cancel sends access_denied AADSTS65004 back to the app', async (t) => {
  const { browser, url, state } = await loginPage()
  const posted = await browser.post(url, { cancel: '1' })
  const end = await browser.follow(url, (u) => u.startsWith(app.redirectUri), posted)
  const at = new URL(end.url)
  t.equal(at.searchParams.get('error'), 'access_denied')
  t.match(at.searchParams.get('error_description'), /^AADSTS65004: /)
  t.equal(at.searchParams.get('state'), state)
})

t.test("login page: without the browser's interaction cookie it is AADSTS50089, not a sign-in", async (t) => {
  const { url } = await loginPage()
  const stranger = createBrowser()
  const response = await stranger.post(url, {
    login: server.seed.demoUsers[0]?.userPrincipalName ?? '',
    password: DEMO_PASSWORD,
  })
  t.equal(response.status, 400)
  t.equal(response.headers.get('location'), null)
  t.match(await response.text(), 'AADSTS50089')
})

t.test('SSO: a second authorization in the same browser completes without the login page', async (t) => {
  const first = await authorize(server, app)
  t.ok(first.sawLoginPage)
  const second = await authorize(server, app, { browser: first.browser })
  t.notOk(second.sawLoginPage, 'no login page the second time')
  t.ok(second.callbackUrl.searchParams.get('code'))
  const silent = await authorize(server, app, { browser: first.browser, params: { prompt: 'none' } })
  t.ok(silent.callbackUrl.searchParams.get('code'), 'prompt=none succeeds with a session')
  const otherApp = await testApp(server)
  const sso = await authorize(server, otherApp, { browser: first.browser, params: { prompt: 'none' } })
  t.ok(
    sso.callbackUrl.searchParams.get('code'),
    'another app with admin-consented permissions signs in silently',
  )
})

t.test('SSO: prompt=login and prompt=select_account show the login page again', async (t) => {
  const first = await authorize(server, app)
  for (const prompt of ['login', 'select_account']) {
    const { response, html } = await loginPage(app, { prompt }, first.browser)
    t.equal(response.status, 200, prompt)
    t.match(html, '<h1>Sign in</h1>', `${prompt} shows the login page`)
  }
})
