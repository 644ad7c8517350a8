// The multi-tenant Entra authority (ENTRA_AUTHORITY = https://login.microsoftonline.com/organizations/v2.0)
// end to end through the running service, real Redis and the emulator: the emulator presents its
// tenants under Entra's real origin (openid-client accepts the `{tenantid}` issuer template only
// there) and the service's Entra transport and the scripted browser route that origin to it.
// Sign-ins from both tenants, the tenant allowlist (ATTACKS C22) and the identity tid + oid.
import t from 'tap'
import { CONTOSO, DEMO_PASSWORD, FABRIKAM } from '@m365mcp/entra-emulator'
import type { Browser } from '@m365mcp/testing'
import { decodeJwt } from 'jose'
import pino from 'pino'
import { userIdFor } from '../../src/entra/user-id.js'
import { exchange, redisKeys, stillAnswering, type Asserts } from '../support/attack-kit.js'
import { entraRoutes, startAuthWith, type AuthHarness } from '../support/auth-harness.js'
import { authorizeUrl, consentFields, registerPublicClient, token } from '../support/mcp-client.js'
import { createRoutedBrowser } from '@m365mcp/testing'

const ENTRA = 'https://login.microsoftonline.com'
const ORGANIZATIONS = `${ENTRA}/organizations/v2.0`
const REDIRECT = 'http://127.0.0.1:33421/callback'
const PRIYA = 'priya.raman@contoso.example'
const INGRID = 'ingrid.novak@fabrikam.example'
const JOSE = 'jose.alvarez@contoso.example'

type Teardown = { teardown(fn: () => void | Promise<void>): void }

function user(h: AuthHarness, upn: string) {
  const found = h.emulator.seed.demoUsers.find((u) => u.userPrincipalName === upn)
  if (!found) throw new Error(`no demo user ${upn}`)
  return found
}

/** A deployment on the organizations authority; the app is registered in Contoso and Fabrikam. */
function startMultiTenant(
  t: Teardown,
  allowedTenants: readonly string[],
  logger?: pino.Logger,
): Promise<AuthHarness> {
  return startAuthWith((fn) => t.teardown(fn), {
    ...(logger ? { logger } : {}),
    entraIssuerOrigin: ENTRA,
    entraTenantId: CONTOSO.id,
    entraAppTenants: [FABRIKAM.id],
    env: { ENTRA_AUTHORITY: ORGANIZATIONS, ENTRA_ALLOWED_TENANTS: allowedTenants.join(',') },
  })
}

/** GET /authorize and approve our consent page: where it sends the browser (not yet requested). */
async function consent(h: AuthHarness, browser: Browser, clientId: string) {
  const { url, state, verifier } = authorizeUrl(h.publicUrl, { clientId, redirectUri: REDIRECT })
  const page = await browser.get(url)
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}`)
  const { csrf, requestId } = consentFields(await page.text())
  const posted = await browser.post(
    `${h.publicUrl}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve' },
    { origin: h.publicUrl },
  )
  await posted.arrayBuffer()
  if (posted.status !== 303) throw new Error(`consent answered ${posted.status}`)
  return { entraUrl: new URL(posted.headers.get('location') ?? ''), state, verifier }
}

/**
 * At "Entra": the organizations account prompt, then the user's home tenant's password page, then
 * Entra's redirect to our /callback (returned, not requested).
 */
async function entraLogin(
  t: Asserts,
  h: AuthHarness,
  browser: Browser,
  entraUrl: URL,
  upn: string,
  home = user(h, upn).tenantId,
) {
  const atCallback = (u: string) => u.startsWith(`${h.publicUrl}/callback`)
  const prompt = await browser.get(entraUrl.href)
  const promptHtml = await prompt.text()
  t.equal(prompt.status, 200, 'the account prompt of the organizations authority')
  t.ok(promptHtml.includes(PRIYA) && promptHtml.includes(INGRID), 'it offers users of both tenants')
  const account = await browser.post(entraUrl.href, { login: upn })
  t.equal(account.status, 303)
  t.match(account.headers.get('location'), `${ENTRA}/${home}/oauth2/v2.0/authorize?`, 'on to the home tenant')
  const login = await browser.follow(entraUrl.href, atCallback, account)
  await login.response.text()
  if (login.response.status !== 200) throw new Error(`no login page: ${login.response.status}`)
  const posted = await browser.post(login.url, { login: upn, password: DEMO_PASSWORD })
  const hop = await browser.follow(login.url, atCallback, posted)
  if (!atCallback(hop.url)) throw new Error(`no callback: ${hop.url} (${hop.response.status})`)
  return new URL(hop.url)
}

async function deliver(browser: Browser, callback: URL) {
  const response = await browser.get(callback.href)
  await response.arrayBuffer()
  const location = response.headers.get('location')
  return { response, redirect: location?.startsWith(REDIRECT) ? new URL(location) : null }
}

/** The keys of issued codes and grants under the harness prefix. */
async function issuedKeys(t: Teardown, h: AuthHarness): Promise<string[]> {
  return (await redisKeys((fn) => t.teardown(fn), h))
    .filter((k) => /:(code|grant|user-grants):/.test(k))
    .sort()
}

/** authorize → consent → Entra login → /callback → code → tokens; the grant behind the access token. */
async function signInToTokens(t: Asserts, h: AuthHarness, clientId: string, upn: string) {
  const browser = createRoutedBrowser(entraRoutes(h.emulator))
  const consented = await consent(h, browser, clientId)
  t.equal(consented.entraUrl.origin, ENTRA, 'the Entra leg goes to login.microsoftonline.com')
  t.equal(
    consented.entraUrl.pathname,
    '/organizations/oauth2/v2.0/authorize',
    'at the organizations authority',
  )
  const callback = await entraLogin(t, h, browser, consented.entraUrl, upn)
  const { response, redirect } = await deliver(browser, callback)
  t.equal(response.status, 303)
  const code = redirect?.searchParams.get('code')
  if (!code) throw new Error(`no code: /callback answered ${response.status} ${redirect?.href ?? ''}`)
  t.equal(redirect?.searchParams.get('iss'), h.publicUrl, 'RFC 9207 iss')
  const issued = await token(h.publicUrl, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: clientId,
    code_verifier: consented.verifier,
  })
  t.equal(issued.status, 200, 'the code is redeemed')
  const accessToken = String(issued.body.access_token)
  const claims = decodeJwt(accessToken)
  const grant = await h.services.grants.get(String(claims.gid))
  if (!grant) throw new Error('no grant behind the access token')
  return { claims, grant, accessToken, refreshToken: String(issued.body.refresh_token) }
}

t.test('organizations authority, Contoso allowed: a Contoso user signs in as tid + oid', async (t) => {
  const auth = await startMultiTenant(t, [CONTOSO.id])
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const priya = user(auth, PRIYA)
  t.equal(priya.tenantId, CONTOSO.id)
  const { claims, grant, refreshToken } = await signInToTokens(t, auth, client.client_id, PRIYA)
  t.equal(claims.sub, userIdFor(CONTOSO.id, priya.id), 'sub is our id of Contoso tid + oid')
  t.equal(grant.tid, CONTOSO.id, 'the grant is stored with the Contoso tid')
  t.equal(grant.oid, priya.id, 'and her oid')
  t.equal(grant.sub, claims.sub)
  t.equal(grant.profile.preferredUsername, PRIYA, 'the Graph profile was fetched for her')

  const refreshed = await token(auth.publicUrl, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: client.client_id,
  })
  t.equal(refreshed.status, 200, 'our refresh token works')
  await stillAnswering(t, auth)
})

t.test('C22: organizations authority, Contoso allowed: a Fabrikam user gets no code', async (t) => {
  const auth = await startMultiTenant(t, [CONTOSO.id])
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  t.equal(user(auth, INGRID).tenantId, FABRIKAM.id, 'Ingrid is a Fabrikam user')
  const browser = createRoutedBrowser(entraRoutes(auth.emulator))
  const consented = await consent(auth, browser, client.client_id)
  const callback = await entraLogin(t, auth, browser, consented.entraUrl, INGRID)
  const before = await issuedKeys(t, auth)
  const result = await deliver(browser, callback)
  t.equal(result.response.status, 303, '303 from /callback')
  t.ok(result.redirect, 'back to the validated redirect URI')
  t.equal(result.redirect?.searchParams.get('code') ?? null, null, 'no code')
  t.equal(result.redirect?.searchParams.get('error'), 'access_denied', 'error=access_denied')
  t.equal(result.redirect?.searchParams.get('state'), consented.state, "the client's state")
  t.equal(result.redirect?.searchParams.get('iss'), auth.publicUrl, 'RFC 9207 iss on the error')
  t.same(await issuedKeys(t, auth), before, 'no code and no grant were stored')
  t.same(before, [], 'nothing of a grant exists at all')
  await stillAnswering(t, auth)
  // The control (the same user signs in where Fabrikam is allowed) is the next test.
})

t.test('organizations authority, both tenants allowed: each tenant signs in with its own sub', async (t) => {
  const auth = await startMultiTenant(t, [CONTOSO.id, FABRIKAM.id])
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const ingrid = user(auth, INGRID)
  const priya = user(auth, PRIYA)
  const fabrikam = await signInToTokens(t, auth, client.client_id, INGRID)
  t.equal(fabrikam.claims.sub, userIdFor(FABRIKAM.id, ingrid.id), 'sub is our id of Fabrikam tid + oid')
  t.equal(fabrikam.grant.tid, FABRIKAM.id, 'the grant is stored with the Fabrikam tid')

  // The stored Graph token is about to expire: the internal exchange refreshes it at the
  // organizations token endpoint, which hands the refresh token to Fabrikam, its issuer.
  const grantId = String(fabrikam.claims.gid)
  const entra = auth.services.grants.entraTokens(fabrikam.grant)
  await auth.services.grants.updateEntraTokens(grantId, { ...entra, expiresAt: Date.now() + 1000 })
  const refreshesBefore = auth.emulator.stats().byGrantType.refresh_token ?? 0
  const exchanged = await exchange(auth, fabrikam.accessToken)
  t.equal(exchanged.status, 200, 'the exchange answers a Graph token')
  t.not(exchanged.body.access_token, entra.accessToken, 'a refreshed Graph token')
  t.equal((auth.emulator.stats().byGrantType.refresh_token ?? 0) - refreshesBefore, 1, 'one Entra refresh')
  const graphClaims = decodeJwt(String(exchanged.body.access_token))
  t.equal(graphClaims.tid, FABRIKAM.id, "the refreshed Graph token is Fabrikam's")
  t.equal(graphClaims.oid, ingrid.id, 'for her')
  const contoso = await signInToTokens(t, auth, client.client_id, PRIYA)
  t.equal(contoso.claims.sub, userIdFor(CONTOSO.id, priya.id))
  t.not(fabrikam.claims.sub, contoso.claims.sub, 'different users')
})

t.test('an ID token whose iss names another tenant than its tid is refused', async (t) => {
  const lines: string[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
  const auth = await startMultiTenant(t, [CONTOSO.id, FABRIKAM.id], logger)
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  // José signs in at Contoso (its directory was built at start), but the record his ID token
  // claims come from now names Fabrikam: Contoso's issuer signs a token with Fabrikam's tid, the
  // mix a multi-tenant relying party must refuse (the iss template filled with tid must match).
  const jose = user(auth, JOSE)
  t.equal(jose.tenantId, CONTOSO.id)
  ;(jose as { tenantId: string }).tenantId = FABRIKAM.id

  const browser = createRoutedBrowser(entraRoutes(auth.emulator))
  const consented = await consent(auth, browser, client.client_id)
  const callback = await entraLogin(t, auth, browser, consented.entraUrl, JOSE, CONTOSO.id)
  const before = await issuedKeys(t, auth)
  const result = await deliver(browser, callback)
  t.equal(result.response.status, 303, '303 from /callback')
  t.equal(result.redirect?.searchParams.get('code') ?? null, null, 'no code')
  t.ok(result.redirect?.searchParams.get('error'), `an error to the client: ${result.redirect?.href ?? ''}`)
  t.equal(result.redirect?.searchParams.get('state'), consented.state, "the client's state")
  t.same(await issuedKeys(t, auth), before, 'no code and no grant were stored')
  const refused = lines
    .map((l) => JSON.parse(l) as { msg?: string; err?: unknown })
    .filter((l) => l.msg === 'entra sign-in refused')
  t.equal(refused.length, 1, 'the Entra client refused the sign-in')
  // openid-client reports the failed iss comparison (expected: the template filled with tid) as a
  // JWT claim mismatch; the control below shows the changed tid is what it refused.
  t.match(JSON.stringify(refused[0]?.err), /unexpected JWT claim value/, 'a JWT claim mismatch')

  // Control: with his record back in Contoso the same sign-in completes.
  ;(jose as { tenantId: string }).tenantId = CONTOSO.id
  const control = await signInToTokens(t, auth, client.client_id, JOSE)
  t.equal(control.grant.tid, CONTOSO.id, 'control: the unchanged user signs in')
  await stillAnswering(t, auth)
})
