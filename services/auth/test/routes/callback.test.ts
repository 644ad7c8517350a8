// GET /callback against the running service and emulator (ATTACKS C20, C24): the Entra state is
// single use and bound to the browser that consented; an Entra refusal reaches the client only
// as access_denied at its validated redirect URI, with no code.
import t from 'tap'
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { demoUser, expectLocalPage, redisKeys, stillAnswering } from '../support/attack-kit.js'
import { createBrowser, type Browser } from '@m365mcp/testing'
import {
  authorizeUrl,
  consentFields,
  registerPublicClient,
  type RegisteredClient,
} from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

let auth: AuthHarness
let client: RegisteredClient

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
})

/** Consent, then the emulator's login page: the hop after the login form (Entra's answer). */
async function toEntraLogin(browser: Browser): Promise<{ loginUrl: string; state: string }> {
  const { url, state } = authorizeUrl(auth.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT })
  const { csrf, requestId } = consentFields(await (await browser.get(url)).text())
  const posted = await browser.post(
    `${auth.publicUrl}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve' },
    { origin: auth.publicUrl },
  )
  await posted.arrayBuffer()
  const login = await browser.follow(posted.headers.get('location') ?? '')
  await login.response.text()
  if (login.response.status !== 200) throw new Error(`no login page: ${login.response.status}`)
  return { loginUrl: login.url, state }
}

/** Consent and sign in, stopping at our /callback URL (not yet requested). */
async function toCallback(browser: Browser): Promise<{ callbackUrl: string; state: string }> {
  const { loginUrl, state } = await toEntraLogin(browser)
  const posted = await browser.post(loginUrl, {
    login: demoUser(auth).userPrincipalName,
    password: DEMO_PASSWORD,
  })
  const hop = await browser.follow(loginUrl, (u) => u.startsWith(`${auth.publicUrl}/callback`), posted)
  if (!hop.url.startsWith(`${auth.publicUrl}/callback`)) throw new Error(`no callback: ${hop.url}`)
  return { callbackUrl: hop.url, state }
}

const codeKeys = async (t: { teardown(fn: () => void | Promise<void>): void }) =>
  (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) => k.includes(':code:'))

t.test('C20: a callback with a missing, repeated or unknown state is refused locally', async (t) => {
  const before = await codeKeys(t)
  const browser = createBrowser()
  await expectLocalPage(t, await browser.get(`${auth.publicUrl}/callback?code=abc`), 400, 'no state')
  await expectLocalPage(
    t,
    await browser.get(`${auth.publicUrl}/callback?code=abc&state=a&state=b`),
    400,
    'two states',
  )
  await expectLocalPage(
    t,
    await browser.get(`${auth.publicUrl}/callback?code=abc&state=unknown-state-value`),
    400,
    'unknown state',
  )
  t.same(await codeKeys(t), before, 'no code was issued')
})

t.test('C20: a replayed callback is refused and issues nothing', async (t) => {
  const browser = createBrowser()
  const { callbackUrl, state } = await toCallback(browser)
  const first = await browser.get(callbackUrl)
  await first.arrayBuffer()
  t.equal(first.status, 303, 'the first callback completes')
  const location = new URL(first.headers.get('location') ?? 'about:blank')
  t.ok(location.href.startsWith(REDIRECT), 'to the client')
  t.ok(location.searchParams.get('code'), 'with a code')
  t.equal(location.searchParams.get('state'), state)

  const before = await codeKeys(t)
  t.ok(before.length > 0, 'the code of the first callback is stored (the key scan sees codes)')
  const replay = await browser.get(callbackUrl)
  await expectLocalPage(t, replay, 400, 'the same callback again')
  t.same(await codeKeys(t), before, 'the replay issued no code')
})

t.test('C20: a callback from another browser (no binding cookie) is refused', async (t) => {
  const { callbackUrl } = await toCallback(createBrowser())
  const before = await codeKeys(t)
  const attacker = createBrowser()
  const response = await attacker.get(callbackUrl)
  const page = await expectLocalPage(t, response, 403, 'another browser')
  t.match(page, /another browser/)
  t.same(await codeKeys(t), before, 'no code was issued')
})

t.test('C24: Cancel on the Entra login page returns access_denied to the validated redirect', async (t) => {
  const browser = createBrowser()
  const before = await codeKeys(t)
  const { loginUrl, state } = await toEntraLogin(browser)
  const cancelled = await browser.post(loginUrl, { cancel: '1' })
  const hop = await browser.follow(loginUrl, (u) => u.startsWith(REDIRECT), cancelled)
  t.ok(hop.url.startsWith(REDIRECT), `ends at the client redirect (${hop.url})`)
  t.equal(hop.response.status, 303, 'our callback answers 303')
  const location = new URL(hop.url)
  t.equal(location.searchParams.get('error'), 'access_denied')
  t.equal(location.searchParams.get('state'), state, 'the client state is echoed')
  t.equal(location.searchParams.get('iss'), auth.publicUrl, 'RFC 9207 iss')
  t.equal(location.searchParams.get('code'), null, 'no code')
  t.same(await codeKeys(t), before, 'no code was stored')
  await stillAnswering(t, auth)
})
