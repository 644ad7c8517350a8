import t from 'tap'
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

t.test(
  'logout: signing out ends the SSO session and returns to a registered post_logout_redirect_uri',
  async (t) => {
    const signedIn = await authorize(server, app)
    const { browser } = signedIn
    const endSession = new URL(app.config.serverMetadata().end_session_endpoint ?? '')
    endSession.searchParams.set('post_logout_redirect_uri', app.redirectUri)
    endSession.searchParams.set('state', 'bye')
    const confirmPage = await browser.follow(endSession.href)
    t.equal(confirmPage.response.status, 200)
    const html = await confirmPage.response.text()
    t.match(html, 'Sign out')
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? ''
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
    t.match(action, '/oauth2/v2.0/logout/confirm')
    const confirmed = await browser.post(new URL(action, confirmPage.url).href, { xsrf, logout: 'yes' })
    const end = await browser.follow(action, (u) => u.startsWith(app.redirectUri), confirmed)
    const at = new URL(end.url)
    t.equal(`${at.origin}${at.pathname}`, app.redirectUri)
    t.equal(at.searchParams.get('state'), 'bye')

    const { url } = await authorizationUrl(app, { params: { prompt: 'none' } })
    const silent = await browser.follow(url.href, (u) => u.startsWith(app.redirectUri))
    t.equal(new URL(silent.url).searchParams.get('error'), 'login_required', 'the session is gone')
  },
)

t.test('logout: a post_logout_redirect_uri no app registered is ignored', async (t) => {
  const { browser } = await authorize(server, app)
  const endSession = new URL(app.config.serverMetadata().end_session_endpoint ?? '')
  endSession.searchParams.set('post_logout_redirect_uri', 'https://attacker.example/')
  const page = await browser.follow(endSession.href)
  const html = await page.response.text()
  const action = /action="([^"]+)"/.exec(html)?.[1] ?? ''
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
  const confirmed = await browser.post(new URL(action, page.url).href, { xsrf, logout: 'yes' })
  const end = await browser.follow(action, () => false, confirmed)
  t.notMatch(end.url, 'attacker.example')
  t.match(await end.response.text(), 'You signed out of your account')
})
