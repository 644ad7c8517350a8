// The consent page and POST /consent against the running service (ATTACKS B12–B18): CSRF and
// cross-site posts refused, clickjacking and referrer headers, escaped and flagged client names,
// nothing upstream before approval, the remembered-consent cookie, 303 answers.
import t, { type Test } from 'tap'
import { CONTOSO } from '@m365mcp/entra-emulator'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { expectLocalPage, redisKeys, stillAnswering } from '../support/attack-kit.js'
import { createBrowser, type Browser } from '@m365mcp/testing'
import {
  authorizeUrl,
  consentFields,
  register,
  registerPublicClient,
  type RegisteredClient,
} from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

let auth: AuthHarness
let client: RegisteredClient
let entraOrigin: string

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
  entraOrigin = new URL(auth.emulator.issuer(CONTOSO.id)).origin
})

async function openConsent(browser: Browser, clientId = client.client_id) {
  const { url } = authorizeUrl(auth.publicUrl, { clientId, redirectUri: REDIRECT })
  const page = await browser.get(url)
  const text = await page.text()
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}`)
  return { page, text, ...consentFields(text) }
}

const upstreamKeys = async (t: Test) =>
  (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) => k.includes(':upstream-tx:'))

t.test(
  "B12: consent POST without, or with another request's, CSRF token or cross-site Origin is refused",
  async (t) => {
    const victim = createBrowser()
    const mine = await openConsent(victim)
    const other = await openConsent(createBrowser())

    const noToken = await victim.post(
      `${auth.publicUrl}/consent`,
      { request_id: mine.requestId, decision: 'approve' },
      { origin: auth.publicUrl },
    )
    await expectLocalPage(t, noToken, 400, 'no CSRF token')

    const foreignToken = await victim.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: other.csrf, request_id: mine.requestId, decision: 'approve' },
      { origin: auth.publicUrl },
    )
    await expectLocalPage(t, foreignToken, 403, "another request's CSRF token")

    const otherRequest = await victim.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: other.csrf, request_id: other.requestId, decision: 'approve' },
      { origin: auth.publicUrl },
    )
    await expectLocalPage(t, otherRequest, 403, "another browser's request and token")

    for (const origin of ['https://evil.example', 'null', `${auth.publicUrl}.evil.example`]) {
      const crossSite = await victim.post(
        `${auth.publicUrl}/consent`,
        { csrf_token: mine.csrf, request_id: mine.requestId, decision: 'approve' },
        { origin },
      )
      await expectLocalPage(t, crossSite, 403, `Origin ${origin}`)
    }
    const fetchSite = await victim.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: mine.csrf, request_id: mine.requestId, decision: 'approve' },
      { 'sec-fetch-site': 'cross-site' },
    )
    await expectLocalPage(t, fetchSite, 403, 'Sec-Fetch-Site cross-site')
    t.same(await upstreamKeys(t), [], 'no upstream transaction was started by any refused post')

    const legit = await victim.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: mine.csrf, request_id: mine.requestId, decision: 'approve' },
      { origin: auth.publicUrl },
    )
    await legit.arrayBuffer()
    t.equal(legit.status, 303, 'the genuine post still works afterwards')
    t.ok(legit.headers.get('location')?.startsWith(entraOrigin), 'and goes to Entra')
  },
)

t.test(
  'B13, B17: the consent page forbids framing and referrers and loads nothing third-party',
  async (t) => {
    const { page, text } = await openConsent(createBrowser())
    const csp = page.headers.get('content-security-policy') ?? ''
    t.match(csp, /frame-ancestors 'none'/)
    t.match(csp, /default-src 'none'/)
    t.equal(page.headers.get('x-frame-options'), 'DENY')
    t.equal(page.headers.get('referrer-policy'), 'no-referrer')
    t.equal(page.headers.get('cache-control'), 'no-store')
    t.notMatch(text, /\ssrc=/i, 'no subresource is loaded')
    t.notMatch(text, /<link[^>]+href="https?:/i, 'no external stylesheet')

    const errorPage = await fetch(`${auth.publicUrl}/authorize?client_id=mcp_unknown`)
    await expectLocalPage(t, errorPage, 400, 'error page')
    t.match(errorPage.headers.get('content-security-policy'), /form-action 'none'/)
  },
)

t.test('B14: a client_name with <script> and an RTL override is escaped and flagged', async (t) => {
  const name = '<script>alert(1)</script>Trusted\u202Eexe.doc'
  const response = await register(auth.publicUrl, {
    client_name: name,
    redirect_uris: [REDIRECT],
    token_endpoint_auth_method: 'none',
  })
  t.equal(response.status, 201)
  const registered = (await response.json()) as RegisteredClient
  const { text } = await openConsent(createBrowser(), registered.client_id)
  t.notMatch(text, /<script>alert/, 'the markup is not rendered')
  t.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'it is shown escaped')
  t.notMatch(text, /\u202E/, 'the raw override character is not in the page')
  t.match(text, /Check this name carefully/, 'a warning box is shown')
  t.match(text, /U\+202E/, 'naming the override code point')
})

t.test(
  'B15: no upstream transaction exists until consent is approved; Entra only after the POST',
  async (t) => {
    const browser = createBrowser()
    const before = await upstreamKeys(t)
    const { page, csrf, requestId } = await openConsent(browser)
    t.equal(page.status, 200, 'our consent page, not a redirect')
    t.equal(page.headers.get('location'), null, 'no redirect to Entra before consent')
    t.equal(
      browser.cookies().some((c) => /state|nonce|pkce/i.test(c.name)),
      false,
      'no upstream state cookie before consent',
    )
    t.same(await upstreamKeys(t), before, 'no upstream transaction key in Redis')

    const approved = await browser.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: csrf, request_id: requestId, decision: 'approve' },
      { origin: auth.publicUrl },
    )
    await approved.arrayBuffer()
    t.equal(approved.status, 303)
    const location = new URL(approved.headers.get('location') ?? 'about:blank')
    t.equal(location.origin, entraOrigin, 'the Entra redirect comes after the POST')
    t.match(location.pathname, /\/oauth2\/v2\.0\/authorize$/)
    t.equal((await upstreamKeys(t)).length, before.length + 1, 'now exactly one upstream transaction')

    const replay = await browser.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: csrf, request_id: requestId, decision: 'approve' },
      { origin: auth.publicUrl },
    )
    await expectLocalPage(t, replay, 400, 'the same consent posted twice')
    t.equal((await upstreamKeys(t)).length, before.length + 1, 'the replay started nothing')
  },
)

t.test('B16: remember=1 sets a __Host- cookie and skips the page for that client only', async (t) => {
  const browser = createBrowser()
  const { csrf, requestId } = await openConsent(browser)
  const approved = await browser.post(
    `${auth.publicUrl}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve', remember: '1' },
    { origin: auth.publicUrl },
  )
  await approved.arrayBuffer()
  t.equal(approved.status, 303)
  const consentCookie = approved.headers.getSetCookie().find((c) => c.startsWith('__Host-mcp-consent-'))
  t.ok(consentCookie, 'a __Host- consent cookie is set')
  const attributes = (consentCookie ?? '').split(';').map((a) => a.trim().toLowerCase())
  t.ok(attributes.includes('secure'), 'Secure')
  t.ok(attributes.includes('httponly'), 'HttpOnly')
  t.ok(attributes.includes('samesite=lax'), 'SameSite=Lax')
  t.ok(attributes.includes('path=/'), 'Path=/')
  t.notOk(
    attributes.some((a) => a.startsWith('domain=')),
    'no Domain',
  )

  const again = await browser.get(
    authorizeUrl(auth.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT }).url,
  )
  await again.arrayBuffer()
  t.equal(again.status, 303, 'a second authorize for the same client skips the page')
  t.equal(new URL(again.headers.get('location') ?? 'about:blank').origin, entraOrigin)

  const other = await registerPublicClient(auth.publicUrl, REDIRECT)
  const forOther = await browser.get(
    authorizeUrl(auth.publicUrl, { clientId: other.client_id, redirectUri: REDIRECT }).url,
  )
  t.equal(forOther.status, 200, 'another client still gets the consent page')
  t.match(await forOther.text(), /name="csrf_token"/)

  const fresh = createBrowser()
  const elsewhere = await fresh.get(
    authorizeUrl(auth.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT }).url,
  )
  await elsewhere.arrayBuffer()
  t.equal(elsewhere.status, 200, 'another browser (no cookie) gets the page')
})

t.test('B18: approve and deny are both answered 303, never 307', async (t) => {
  for (const decision of ['approve', 'deny']) {
    const browser = createBrowser()
    const { csrf, requestId } = await openConsent(browser)
    const posted = await browser.post(
      `${auth.publicUrl}/consent`,
      { csrf_token: csrf, request_id: requestId, decision },
      { origin: auth.publicUrl },
    )
    await posted.arrayBuffer()
    t.equal(posted.status, 303, decision)
  }
  await stillAnswering(t, auth)
})
