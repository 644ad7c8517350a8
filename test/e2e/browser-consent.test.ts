// A real browser (Debian's chromium driven by playwright-core, never a downloaded one) through a
// real authorization request at the gateway process: the consent page names the client, its
// redirect host and the scopes (MCP security best practices, confused deputy), the emulator's
// login page signs the demo user in, and the browser lands on the loopback redirect with `code` and
// `iss` (RFC 9207). The consent page refuses to be framed by another origin (CSP frame-ancestors,
// X-Frame-Options). The page redeems its code cross-origin, as a browser-based client does (CORS
// on discovery and /token). Screenshots of both pages are kept under test/e2e/artifacts/.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { chromium, type Browser } from 'playwright-core'
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { ARTIFACTS_DIR, DEMO_USER, startFullStack, type FullStack } from './support/full-stack.js'
import { startLoopbackSite, type LoopbackSite } from './support/loopback-site.js'

const CHROMIUM = '/usr/bin/chromium'
const CLIENT_NAME = 'E2E Browser Client'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

if (!existsSync(CHROMIUM)) {
  t.test(
    'browser consent and framing',
    { skip: `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)` },
    () => {},
  )
} else {
  let stack: FullStack
  let site: LoopbackSite
  let browser: Browser
  let clientId = ''
  let scopes: string[] = []

  const authorizeUrl = (state: string, verifier: string) => {
    const url = new URL(`${stack.publicUrl}/authorize`)
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: site.redirectUri,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state,
      scope: scopes.join(' '),
      resource: stack.mcpUrl,
    }).toString()
    return url.href
  }

  t.before(async () => {
    ;[stack, site, browser] = await Promise.all([
      startFullStack((fn) => t.teardown(fn), 'browser-consent'),
      startLoopbackSite(),
      chromium.launch({ executablePath: CHROMIUM, args: ARGS }),
    ])
    t.teardown(() => site.close())
    t.teardown(() => browser.close())
    const metadata = (await (
      await fetch(`${stack.publicUrl}/.well-known/oauth-authorization-server`)
    ).json()) as { scopes_supported: string[] }
    scopes = metadata.scopes_supported
    const registered = await fetch(`${stack.publicUrl}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_name: CLIENT_NAME,
        redirect_uris: [site.redirectUri],
        token_endpoint_auth_method: 'none',
      }),
    })
    clientId = ((await registered.json()) as { client_id: string }).client_id
  })

  t.test(
    'browser: consent shows client, redirect host and scopes; login lands with code and iss',
    async (t) => {
      const page = await browser.newPage()
      t.teardown(() => page.close())
      const state = randomBytes(12).toString('base64url')
      const verifier = randomBytes(32).toString('base64url')
      const consent = await page.goto(authorizeUrl(state, verifier))
      t.equal(consent?.status(), 200, 'the consent page')
      const text = await page.locator('body').innerText()
      t.match(text, `Allow ${CLIENT_NAME} to access Microsoft 365 as you?`, 'names the client')
      t.match(text, new URL(site.redirectUri).host, 'shows the redirect host')
      t.ok(scopes.length > 0, 'the server supports scopes')
      for (const scope of scopes) t.match(text, scope, `shows the scope ${scope}`)
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'consent.png'), fullPage: true })

      await page.locator('button[name="decision"][value="approve"]').click()
      await page.waitForURL((url) => url.href.startsWith(stack.emulatorUrl), { timeout: 10_000 })
      t.match(await page.locator('h1').innerText(), 'Sign in', 'the emulator login page')
      await page.screenshot({ path: join(ARTIFACTS_DIR, 'login.png'), fullPage: true })
      await page.fill('#login', DEMO_USER)
      await page.fill('#password', DEMO_PASSWORD)
      await page.locator('button[type="submit"]:not([name])').first().click()
      await page.waitForURL((url) => url.href.startsWith(site.redirectUri))

      const landed = site.landed.at(-1)
      t.ok(landed?.searchParams.get('code'), 'a code')
      t.equal(landed?.searchParams.get('state'), state, 'the state came back')
      t.equal(landed?.searchParams.get('iss'), stack.publicUrl, 'iss is the issuer (RFC 9207)')
      // The code is redeemed by the page itself, cross-origin, as a browser-based client (MCP
      // Inspector's page) does: discovery with the MCP version header (a preflight), then /token.
      const fromPage = await page.evaluate(
        async ({ publicUrl, form }) => {
          const discovery = await fetch(`${publicUrl}/.well-known/oauth-authorization-server`, {
            headers: { 'MCP-Protocol-Version': '2025-11-25' },
          })
          const { token_endpoint } = (await discovery.json()) as { token_endpoint: string }
          const res = await fetch(token_endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams(form).toString(),
          })
          return { status: res.status, body: (await res.json()) as Record<string, unknown> }
        },
        {
          publicUrl: stack.publicUrl,
          form: {
            grant_type: 'authorization_code',
            code: landed?.searchParams.get('code') ?? '',
            redirect_uri: site.redirectUri,
            code_verifier: verifier,
            client_id: clientId,
          },
        },
      )
      t.equal(fromPage.status, 200, 'the page redeems the code through CORS')
      const body = fromPage.body as { access_token?: string; refresh_token?: string }
      t.ok(body.access_token, 'an access token')
      stack.remember(landed?.searchParams.get('code') ?? '', body.access_token, body.refresh_token)
    },
  )

  t.test('browser: the consent page refuses to be framed by another origin (ATTACKS 13)', async (t) => {
    const page = await browser.newPage()
    t.teardown(() => page.close())
    const consentUrl = authorizeUrl(
      randomBytes(12).toString('base64url'),
      randomBytes(32).toString('base64url'),
    )
    const framedResponse = page.waitForResponse((r) => r.url() === consentUrl)
    await page.goto(site.framingPage(consentUrl))
    const response = await framedResponse
    const headers = response.headers()
    t.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, 'CSP frame-ancestors none')
    t.equal(headers['x-frame-options']?.toUpperCase(), 'DENY', 'X-Frame-Options DENY')
    await page.waitForLoadState('load')
    const frame = page.frames().find((f) => f !== page.mainFrame())
    t.ok(frame, 'the iframe exists')
    t.equal(await frame?.locator('button[value="approve"]').count(), 0, 'no consent form inside the frame')
    t.notMatch(frame?.url() ?? '', /^http:\/\/localhost/, 'the frame never rendered our origin')
    await page.screenshot({ path: join(stack.runDir, 'framed-consent.png') })
  })

  t.test('logs: no service logged a token, code or refresh token (ATTACKS G50)', async (t) => {
    t.same(await stack.leaks(), [])
  })
}
