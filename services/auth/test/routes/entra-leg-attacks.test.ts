// The Entra leg of a sign-in attacked through the running service, real Redis and the emulator
// (ATTACKS C20–C23): an attacker's Entra code in the victim's callback (PKCE to Entra, ID token
// nonce), the tenant allowlist on `tid`, the nOAuth look-alike (identity is tid + oid, never the
// email) and the upstream state's 10-minute, single-use Redis record.
//
// Here each instance uses a tenant-specific authority on the emulator's loopback origin, so a
// deployment that lets both tenants in is two instances of one service on one Redis prefix with the
// same keys and public URL, one per tenant authority (`instanceOf`). The multi-tenant
// `organizations` authority is tested in multi-tenant-authority.test.ts.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { sha256 } from '@m365mcp/crypto'
import { CONTOSO, DEMO_PASSWORD, FABRIKAM } from '@m365mcp/entra-emulator'
import { createBrowser, createTestRedisClient, getTestRedis, type Browser } from '@m365mcp/testing'
import { decodeJwt } from 'jose'
import pino from 'pino'
import { startAuth, startAuthWith, type AuthHarness } from '../support/auth-harness.js'
import { expectLocalPage, redisKeys, stillAnswering, type Asserts } from '../support/attack-kit.js'
import { authorizeUrl, consentFields, registerPublicClient, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

interface LogLine {
  err?: { message?: string; upstream?: { error?: string; aadsts?: number[] } }
}
type Teardown = { teardown(fn: () => void | Promise<void>): void }

/** A seeded demo user by UPN. */
function user(h: AuthHarness, upn: string) {
  const found = h.emulator.seed.demoUsers.find((u) => u.userPrincipalName === upn)
  if (!found) throw new Error(`no demo user ${upn}`)
  return found
}

const PRIYA = 'priya.raman@contoso.example'
const JOSE = 'jose.alvarez@contoso.example'
const MARCUS = 'marcus.chen@contoso.example'
const MARCUS_LOOKALIKE = 'marcus.chen@fabrikam.example'
const INGRID = 'ingrid.novak@fabrikam.example'

/** The path and query of a public URL sent to this instance's listener (as a load balancer would). */
const at = (h: AuthHarness, url: string): string => {
  const parsed = new URL(url)
  return `${h.url}${parsed.pathname}${parsed.search}`
}

interface Consented {
  /** Where our consent sent the browser: the Entra authorization request (not yet requested). */
  entraUrl: URL
  /** The client's state and PKCE verifier. */
  state: string
  verifier: string
}

/** GET /authorize and approve our consent page in `browser`. */
async function consent(h: AuthHarness, browser: Browser, clientId: string): Promise<Consented> {
  const { url, state, verifier } = authorizeUrl(h.publicUrl, { clientId, redirectUri: REDIRECT })
  const page = await browser.get(at(h, url))
  if (page.status !== 200) throw new Error(`authorize answered ${page.status}`)
  const { csrf, requestId } = consentFields(await page.text())
  const posted = await browser.post(
    `${h.url}/consent`,
    { csrf_token: csrf, request_id: requestId, decision: 'approve' },
    { origin: h.publicUrl },
  )
  await posted.arrayBuffer()
  if (posted.status !== 303) throw new Error(`consent answered ${posted.status}`)
  return { entraUrl: new URL(posted.headers.get('location') ?? ''), state, verifier }
}

/** Signs `upn` in at the emulator from `entraUrl`: Entra's redirect to our /callback, not requested. */
async function entraLogin(h: AuthHarness, browser: Browser, entraUrl: string, upn: string): Promise<URL> {
  const atCallback = (u: string) => u.startsWith(`${h.publicUrl}/callback`)
  const login = await browser.follow(entraUrl, atCallback)
  await login.response.text()
  if (login.response.status !== 200) throw new Error(`no login page: ${login.response.status}`)
  const posted = await browser.post(login.url, { login: upn, password: DEMO_PASSWORD })
  const hop = await browser.follow(login.url, atCallback, posted)
  if (!atCallback(hop.url)) throw new Error(`no callback: ${hop.url} (${hop.response.status})`)
  return new URL(hop.url)
}

/** The callback delivered by `browser` to this instance: its answer and where it sends the client. */
async function deliver(h: AuthHarness, browser: Browser, callback: URL) {
  const response = await browser.get(at(h, callback.href))
  const location = response.headers.get('location')
  const redirect = location?.startsWith(REDIRECT) ? new URL(location) : null
  return { response, redirect }
}

/** A whole sign-in of `upn` on this instance: the code the client receives and its PKCE verifier. */
async function signIn(h: AuthHarness, clientId: string, upn: string) {
  const browser = createBrowser()
  const consented = await consent(h, browser, clientId)
  const callback = await entraLogin(h, browser, consented.entraUrl.href, upn)
  const { response, redirect } = await deliver(h, browser, callback)
  await response.arrayBuffer()
  const code = redirect?.searchParams.get('code')
  if (!code) throw new Error(`no code: /callback answered ${response.status} ${redirect?.href ?? ''}`)
  return { code, verifier: consented.verifier }
}

async function tokensFor(h: AuthHarness, clientId: string, upn: string) {
  const { code, verifier } = await signIn(h, clientId, upn)
  const issued = await token(h.url, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_id: clientId,
    code_verifier: verifier,
  })
  if (issued.status !== 200) throw new Error(`token answered ${issued.status}`)
  return { accessToken: String(issued.body.access_token), refreshToken: String(issued.body.refresh_token) }
}

/** The keys of issued codes and grants under the harness prefix (what a sign-in leaves behind). */
async function issuedKeys(t: Teardown, h: AuthHarness): Promise<string[]> {
  return (await redisKeys((fn) => t.teardown(fn), h))
    .filter((k) => /:(code|grant|user-grants):/.test(k))
    .sort()
}

/** The victim's callback refused: to the validated redirect with an error, the client state, no code. */
function expectRefusedToClient(
  t: Asserts,
  result: { response: Response; redirect: URL | null },
  state: string,
  error: string,
  label: string,
) {
  t.equal(result.response.status, 303, `${label}: 303 from /callback`)
  t.ok(result.redirect, `${label}: back to the validated redirect URI`)
  t.equal(result.redirect?.searchParams.get('code') ?? null, null, `${label}: no code`)
  t.equal(result.redirect?.searchParams.get('error'), error, `${label}: error=${error}`)
  t.equal(result.redirect?.searchParams.get('state'), state, `${label}: the client's state`)
}

t.test('C21: code injection through /callback', async (t) => {
  // The service's log, to tell which check refused (Entra's PKCE answer or our nonce check).
  const lines: string[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
  const auth = await startAuthWith((fn) => t.teardown(fn), { logger })
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const refusals = () =>
    lines.filter((l) => l.includes('Entra sign-in did not complete')).map((l) => JSON.parse(l) as LogLine)

  t.test(
    "C21: the Entra code of the attacker's own session in the victim's callback is refused",
    async (t) => {
      const attacker = createBrowser()
      const attackerConsent = await consent(auth, attacker, client.client_id)
      const attackerCallback = await entraLogin(auth, attacker, attackerConsent.entraUrl.href, JOSE)
      const attackerCode = attackerCallback.searchParams.get('code')
      t.ok(attackerCode, 'the attacker holds an Entra code of his own session')

      const victim = createBrowser()
      const victimConsent = await consent(auth, victim, client.client_id)
      const victimCallback = await entraLogin(auth, victim, victimConsent.entraUrl.href, PRIYA)
      const before = await issuedKeys(t, auth)

      const injected = new URL(victimCallback)
      injected.searchParams.set('code', attackerCode ?? '')
      t.not(injected.href, victimCallback.href, "the victim's callback now carries the attacker's code")
      const result = await deliver(auth, victim, injected)
      await result.response.arrayBuffer()
      expectRefusedToClient(t, result, victimConsent.state, 'server_error', 'injected code')
      // AADSTS501481: the code_verifier does not match the code_challenge (PKCE to Entra).
      t.match(refusals().at(-1)?.err, { upstream: { error: 'invalid_grant', aadsts: [501481] } }, 'by PKCE')
      t.same(await issuedKeys(t, auth), before, 'no code and no grant were stored')

      const genuine = await deliver(auth, victim, victimCallback)
      await expectLocalPage(t, genuine.response, 400, "the victim's own callback afterwards (state used)")
      t.same(await issuedKeys(t, auth), before, 'the transaction cannot be used again')
      await stillAnswering(t, auth)
    },
  )

  t.test(
    "C21: an attacker's code minted for the victim's PKCE challenge but another nonce is refused",
    async (t) => {
      // The attacker saw the victim's Entra authorization request (challenge, state) and signs in
      // himself with it, changing only the nonce: PKCE to Entra passes, the ID token nonce must not.
      const attempt = async (nonce: (victimNonce: string) => string) => {
        const victim = createBrowser()
        const victimConsent = await consent(auth, victim, client.client_id)
        const request = new URL(victimConsent.entraUrl)
        const victimNonce = request.searchParams.get('nonce') ?? ''
        t.ok(victimNonce, 'the Entra request carries a nonce')
        t.ok(request.searchParams.get('code_challenge'), 'and a PKCE challenge')
        request.searchParams.set('nonce', nonce(victimNonce))
        const attackerCallback = await entraLogin(auth, createBrowser(), request.href, JOSE)
        const before = await issuedKeys(t, auth)
        const result = await deliver(auth, victim, attackerCallback)
        await result.response.arrayBuffer()
        return { result, before, state: victimConsent.state }
      }

      const forged = await attempt(() => randomBytes(16).toString('base64url'))
      expectRefusedToClient(t, forged.result, forged.state, 'server_error', 'another nonce')
      t.match(refusals().at(-1)?.err?.message, /"nonce" claim/, 'by the ID token nonce check')
      t.same(await issuedKeys(t, auth), forged.before, 'no code and no grant were stored')

      // Control: the same request with the victim's own nonce completes, so the nonce is what refused.
      const control = await attempt((victimNonce) => victimNonce)
      t.ok(control.result.redirect?.searchParams.get('code'), 'control: the unchanged request issues a code')
      await stillAnswering(t, auth)
    },
  )
})

t.test('C22: the tenant allowlist refuses a Fabrikam user at /callback', async (t) => {
  // Authority at Fabrikam (the app registered there), allowlist Contoso only: the ID token is
  // valid, its tid is not allowed.
  const auth = await startAuthWith((fn) => t.teardown(fn), {
    entraTenantId: FABRIKAM.id,
    entraAppTenants: [CONTOSO.id],
    env: { ENTRA_ALLOWED_TENANTS: CONTOSO.id },
  })
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  t.equal(user(auth, INGRID).tenantId, FABRIKAM.id, 'Ingrid is a Fabrikam user')

  const browser = createBrowser()
  const consented = await consent(auth, browser, client.client_id)
  t.ok(consented.entraUrl.pathname.startsWith(`/${FABRIKAM.id}/`), 'the Entra leg goes to Fabrikam')
  const callback = await entraLogin(auth, browser, consented.entraUrl.href, INGRID)
  const before = await issuedKeys(t, auth)
  const result = await deliver(auth, browser, callback)
  await result.response.arrayBuffer()
  expectRefusedToClient(t, result, consented.state, 'access_denied', 'tenant not allowed')
  t.equal(result.redirect?.searchParams.get('iss'), auth.publicUrl, 'RFC 9207 iss on the error')
  t.same(await issuedKeys(t, auth), before, 'no code and no grant were stored')
  t.same(before, [], 'nothing of a grant exists at all')

  // Control: another instance of the same deployment that also allows Fabrikam signs her in.
  const allowing = await startAuthWith((fn) => t.teardown(fn), {
    instanceOf: auth,
    env: { ENTRA_ALLOWED_TENANTS: `${CONTOSO.id},${FABRIKAM.id}` },
  })
  const { code } = await signIn(allowing, client.client_id, INGRID)
  t.ok(code, 'control: with Fabrikam allowed the same user gets a code')
  await stillAnswering(t, auth)
})

t.test(
  'C23 nOAuth: the Fabrikam look-alike of a Contoso user is another subject with another grant',
  async (t) => {
    const both = `${CONTOSO.id},${FABRIKAM.id}`
    const contoso = await startAuthWith((fn) => t.teardown(fn), {
      entraAppTenants: [FABRIKAM.id],
      env: { ENTRA_ALLOWED_TENANTS: both },
    })
    const fabrikam = await startAuthWith((fn) => t.teardown(fn), {
      instanceOf: contoso,
      entraTenantId: FABRIKAM.id,
    })
    const victim = user(contoso, MARCUS)
    const lookalike = user(contoso, MARCUS_LOOKALIKE)
    t.equal(lookalike.tenantId, FABRIKAM.id, 'the look-alike lives in Fabrikam')
    t.equal(lookalike.mail, victim.mail, "the look-alike's mail is the Contoso user's")
    t.equal(lookalike.displayName, victim.displayName, 'and so is the display name')

    const client = await registerPublicClient(contoso.publicUrl, REDIRECT)
    const real = await tokensFor(contoso, client.client_id, MARCUS)
    const fake = await tokensFor(fabrikam, client.client_id, MARCUS_LOOKALIKE)
    const a = decodeJwt(real.accessToken)
    const b = decodeJwt(fake.accessToken)
    t.type(a.sub, 'string')
    t.not(a.sub, b.sub, 'the access tokens carry different subjects')
    t.not(a.gid, b.gid, 'and different grants')

    const realGrant = await contoso.services.grants.get(String(a.gid))
    const fakeGrant = await contoso.services.grants.get(String(b.gid))
    t.match(realGrant, { sub: a.sub, tid: CONTOSO.id, oid: victim.id }, "the Contoso user's grant")
    t.match(fakeGrant, { sub: b.sub, tid: FABRIKAM.id, oid: lookalike.id }, "the look-alike's grant")
    t.same(
      (await contoso.services.grants.listForUser(String(a.sub))).map((g) => g.id),
      [a.gid],
      "the Contoso user's grants do not include the look-alike's",
    )

    // The look-alike's refresh token stays his: it refreshes his subject, never the Contoso one.
    const refreshed = await token(contoso.url, {
      grant_type: 'refresh_token',
      refresh_token: fake.refreshToken,
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 200)
    t.equal(decodeJwt(String(refreshed.body.access_token)).sub, b.sub, 'a refresh keeps the look-alike')
  },
)

t.test('C20: the upstream state is stored after consent for at most 10 minutes, single use', async (t) => {
  const auth = await startAuth((fn) => t.teardown(fn))
  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  const redis = createTestRedisClient((await getTestRedis()).url)
  t.teardown(() => redis.disconnect())
  const upstreamKey = async (entraUrl: URL) => {
    const state = entraUrl.searchParams.get('state') ?? ''
    t.ok(state, 'the Entra request carries a state')
    const keys = (await redisKeys((fn) => t.teardown(fn), auth)).filter((k) =>
      k.endsWith(`:upstream-tx:${sha256(state)}`),
    )
    t.equal(keys.length, 1, 'one upstream transaction, keyed by the state hash')
    return keys[0] ?? ''
  }

  const browser = createBrowser()
  const consented = await consent(auth, browser, client.client_id)
  const key = await upstreamKey(consented.entraUrl)
  const pttl = await redis.pttl(key)
  t.ok(pttl <= 600_000, `PTTL ≤ 10 minutes (${pttl} ms)`)
  t.ok(pttl > 590_000, `and set at consent, not earlier (${pttl} ms)`)
  t.notOk((await redis.get(key))?.includes(consented.entraUrl.searchParams.get('nonce') ?? '-'), 'sealed')

  // The 10 minutes pass (Redis expires the key): the callback is refused locally, nothing issued.
  await redis.pexpire(key, 1)
  const callback = await entraLogin(auth, browser, consented.entraUrl.href, PRIYA)
  t.equal(await redis.exists(key), 0, 'the transaction has expired')
  const before = await issuedKeys(t, auth)
  const late = await deliver(auth, browser, callback)
  const page = await expectLocalPage(t, late.response, 400, 'callback after expiry')
  t.match(page, /expired or was already completed/)
  t.same(await issuedKeys(t, auth), before, 'no code and no grant were stored')

  // Control, and single use: a fresh transaction completes once, then its key is gone.
  const second = createBrowser()
  const fresh = await consent(auth, second, client.client_id)
  const freshKey = await upstreamKey(fresh.entraUrl)
  const done = await deliver(auth, second, await entraLogin(auth, second, fresh.entraUrl.href, PRIYA))
  await done.response.arrayBuffer()
  t.ok(done.redirect?.searchParams.get('code'), 'control: an unexpired transaction issues a code')
  t.equal(await redis.exists(freshKey), 0, 'the used transaction is deleted')
  await stillAnswering(t, auth)
})
