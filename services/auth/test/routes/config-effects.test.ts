// Configuration reflected end to end by the running service (issue 3, docs/configuration.md):
// CONSENT_TTL is the Max-Age of the remembered-consent cookie, ACCESS_TOKEN_TTL the `expires_in`
// and exp − iat of our access tokens (at code redemption and at refresh), and REDIRECT_SCHEMES the
// private-use schemes DCR accepts. One service runs with overrides, one with the defaults, so
// each value is seen to follow its setting rather than a constant.
import t from 'tap'
import { decodeJwt } from 'jose'
import { createBrowser } from '@m365mcp/testing'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { signInForTokens } from '../support/attack-kit.js'
import { authorizeUrl, consentFields, register, registerPublicClient, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'
const CUSTOM_SCHEME_REDIRECT = 'com.example.m365-test:/oauth/callback'
const CURSOR_REDIRECT = 'cursor://anysphere.cursor-mcp/oauth/callback'

interface Setup {
  label: string
  auth: AuthHarness
  consentMaxAge: number
  accessTokenSeconds: number
}

let configured: Setup
let defaults: Setup

t.before(async () => {
  configured = {
    label: 'configured',
    auth: await startAuth((fn) => t.teardown(fn), {
      CONSENT_TTL: '2h',
      ACCESS_TOKEN_TTL: '5m',
      REDIRECT_SCHEMES: 'com.example.m365-test',
    }),
    consentMaxAge: 2 * 3600,
    accessTokenSeconds: 300,
  }
  defaults = {
    label: 'defaults',
    auth: await startAuth((fn) => t.teardown(fn)),
    consentMaxAge: 30 * 86_400,
    accessTokenSeconds: 600,
  }
})

/** Approves consent with "remember" and returns the consent cookie's Set-Cookie header. */
async function rememberedConsentCookie(auth: AuthHarness): Promise<string | undefined> {
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const browser = createBrowser()
  const page = await browser.get(
    authorizeUrl(auth.publicUrl, { clientId: client.client_id, redirectUri: REDIRECT }).url,
  )
  const { csrf, requestId } = consentFields(await page.text())
  const approved = await browser.post(
    `${auth.publicUrl}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve', remember: '1' },
    { origin: auth.publicUrl },
  )
  await approved.arrayBuffer()
  if (approved.status !== 303) throw new Error(`consent answered ${approved.status}`)
  return approved.headers.getSetCookie().find((c) => c.startsWith('__Host-mcp-consent-'))
}

t.test('CONSENT_TTL is the Max-Age of the remembered-consent cookie', async (t) => {
  for (const setup of [configured, defaults]) {
    const cookie = await rememberedConsentCookie(setup.auth)
    t.ok(cookie, `${setup.label}: a consent cookie is set`)
    const maxAge = /;\s*Max-Age=(\d+)/i.exec(cookie ?? '')?.[1]
    t.equal(Number(maxAge), setup.consentMaxAge, `${setup.label}: Max-Age=${setup.consentMaxAge}`)
  }
})

t.test('ACCESS_TOKEN_TTL is expires_in and exp − iat, at code redemption and at refresh', async (t) => {
  for (const setup of [configured, defaults]) {
    const { auth, label, accessTokenSeconds } = setup
    const client = await registerPublicClient(auth.publicUrl, REDIRECT)
    const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    t.equal(issued.status, 200)
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 200)
    for (const [step, body] of [
      ['code', issued.body],
      ['refresh', refreshed.body],
    ] as const) {
      t.equal(body.expires_in, accessTokenSeconds, `${label}, ${step}: expires_in ${accessTokenSeconds}`)
      const claims = decodeJwt(String(body.access_token))
      t.equal(
        Number(claims.exp) - Number(claims.iat),
        accessTokenSeconds,
        `${label}, ${step}: exp − iat = ${accessTokenSeconds}`,
      )
    }
  }
})

t.test('REDIRECT_SCHEMES: a private-use scheme is registrable only when configured', async (t) => {
  const registration = (redirect: string) => ({
    client_name: 'Native app',
    redirect_uris: [redirect],
    token_endpoint_auth_method: 'none',
  })
  const accepted = await register(configured.auth.publicUrl, registration(CUSTOM_SCHEME_REDIRECT))
  const body = (await accepted.json()) as { redirect_uris?: string[] }
  t.equal(accepted.status, 201, 'configured: the custom scheme is accepted at DCR')
  t.same(body.redirect_uris, [CUSTOM_SCHEME_REDIRECT], 'configured: registered as sent')
  const { client_id: clientId } = body as { client_id: string }
  const page = await fetch(
    authorizeUrl(configured.auth.publicUrl, { clientId, redirectUri: CUSTOM_SCHEME_REDIRECT }).url,
  )
  t.match(await page.text(), /name="csrf_token"/, 'configured: /authorize shows the consent page for it')
  t.equal(page.status, 200)

  const refused = await register(defaults.auth.publicUrl, registration(CUSTOM_SCHEME_REDIRECT))
  const error = (await refused.json()) as { error?: string }
  t.equal(refused.status, 400, 'defaults: the custom scheme is refused')
  t.equal(error.error, 'invalid_redirect_uri', 'defaults: invalid_redirect_uri (RFC 7591 §3.2.2)')

  const cursorOnConfigured = await register(configured.auth.publicUrl, registration(CURSOR_REDIRECT))
  await cursorOnConfigured.arrayBuffer()
  t.equal(cursorOnConfigured.status, 400, 'configured: the list replaces the defaults (cursor:// refused)')
  const cursorOnDefaults = await register(defaults.auth.publicUrl, registration(CURSOR_REDIRECT))
  await cursorOnDefaults.arrayBuffer()
  t.equal(cursorOnDefaults.status, 201, 'defaults: cursor:// is accepted')
})
