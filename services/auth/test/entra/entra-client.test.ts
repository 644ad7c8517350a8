import t from 'tap'
import { EntraError } from '../../src/entra/errors.js'
import { userIdFor } from '../../src/entra/user-id.js'
import { CONTOSO, FABRIKAM, REDIRECT_URI, browserSignIn, startTestEmulator } from './support/emulator.js'

const env = await startTestEmulator((fn) => t.teardown(fn))
const PRIYA = 'priya.raman@contoso.example'
const MARCUS = 'marcus.chen@contoso.example'
const MARCUS_LOOKALIKE = 'marcus.chen@fabrikam.example'

const rejects = async (promise: Promise<unknown>, code: string) => {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  return err instanceof EntraError && err.code === code ? true : err
}

t.test(
  'sign-in: authorization code + PKCE yields identity tid+oid and Graph tokens (RFC 6749 §4.1, RFC 7636)',
  async (t) => {
    const client = env.client()
    const { callbackUrl, transaction } = await browserSignIn(client, PRIYA)
    const { identity, tokens } = await client.completeAuthorization(callbackUrl, transaction)
    const priya = env.user(PRIYA)
    t.equal(identity.tid, CONTOSO.id)
    t.equal(identity.oid, priya.id)
    t.equal(identity.sub, userIdFor(CONTOSO.id, priya.id))
    t.match(identity.sub, /^usr_[A-Za-z0-9_-]{43}$/)
    t.equal(identity.preferredUsername, PRIYA)
    t.equal(identity.name, 'Priya Raman')
    t.ok(tokens.accessToken.length > 0)
    t.ok(tokens.refreshToken.length > 0)
    t.ok(tokens.expiresAt > Date.now())
    t.match(tokens.scope, /User\.Read/)
    const profile = await client.fetchProfile(tokens.accessToken)
    t.same(profile, { id: priya.id, displayName: 'Priya Raman', userPrincipalName: PRIYA, mail: priya.mail })
  },
)

t.test(
  'authorize URL: PKCE S256, state and nonce of >=128 bits, query mode, OIDC + Graph scopes, no resource, no prompt (RFC 7636 §4.3, RFC 9700 §4.7.1)',
  async (t) => {
    const client = env.client()
    const { url, transaction } = await client.startAuthorization({ loginHint: PRIYA })
    const p = url.searchParams
    t.equal(url.origin + url.pathname, `${env.emulator.identityOrigin}/${CONTOSO.id}/oauth2/v2.0/authorize`)
    t.equal(p.get('response_type'), 'code')
    t.equal(p.get('response_mode'), 'query')
    t.equal(p.get('code_challenge_method'), 'S256')
    t.equal(p.get('state'), transaction.state)
    t.equal(p.get('nonce'), transaction.nonce)
    t.ok(Buffer.from(transaction.state, 'base64url').length >= 16, 'state carries at least 128 bits')
    t.not(p.get('code_challenge'), transaction.codeVerifier, 'the verifier never leaves the server')
    t.equal(p.get('redirect_uri'), REDIRECT_URI)
    t.equal(p.get('login_hint'), PRIYA)
    t.same(p.get('scope')?.split(' '), [
      'openid',
      'profile',
      'email',
      'offline_access',
      'User.Read',
      'People.Read',
    ])
    t.notOk(p.has('resource'), 'resource is never sent to Entra v2 (AADSTS901002)')
    t.notOk(p.has('prompt'), 'no prompt unless asked')
    const second = await client.startAuthorization({ prompt: 'select_account' })
    t.equal(second.url.searchParams.get('prompt'), 'select_account')
    t.not(second.transaction.state, transaction.state)
    t.not(second.transaction.nonce, transaction.nonce)
  },
)

t.test(
  'C20: a callback whose state does not match the transaction is refused before any code redemption',
  async (t) => {
    const client = env.client()
    const victim = await browserSignIn(client, PRIYA)
    const other = await client.startAuthorization()
    t.equal(
      await rejects(client.completeAuthorization(victim.callbackUrl, other.transaction), 'invalid_callback'),
      true,
    )
    const noState = new URL(victim.callbackUrl)
    noState.searchParams.delete('state')
    t.equal(
      await rejects(client.completeAuthorization(noState, victim.transaction), 'invalid_callback'),
      true,
    )
    const twoStates = new URL(victim.callbackUrl)
    twoStates.searchParams.append('state', victim.transaction.state)
    t.equal(
      await rejects(client.completeAuthorization(twoStates, victim.transaction), 'invalid_callback'),
      true,
    )
    // Nothing was redeemed by the refused attempts: the right transaction still completes once.
    const done = await client.completeAuthorization(victim.callbackUrl, victim.transaction)
    t.equal(done.identity.oid, env.user(PRIYA).id)
  },
)

t.test('C20: a replayed callback is refused (the code is single use at Entra)', async (t) => {
  const client = env.client()
  const { callbackUrl, transaction } = await browserSignIn(client, PRIYA)
  await client.completeAuthorization(callbackUrl, transaction)
  t.equal(await rejects(client.completeAuthorization(callbackUrl, transaction), 'code_rejected'), true)
})

t.test("C21: an attacker's code injected into the victim's transaction is refused by PKCE", async (t) => {
  const client = env.client()
  const attacker = await browserSignIn(client, MARCUS)
  const victim = await client.startAuthorization()
  const injected = new URL(attacker.callbackUrl)
  injected.searchParams.set('state', victim.transaction.state)
  t.equal(await rejects(client.completeAuthorization(injected, victim.transaction), 'code_rejected'), true)
})

t.test(
  'C21: a code redeemed with the right verifier but another nonce is refused by the ID token nonce check',
  async (t) => {
    const client = env.client()
    const attacker = await browserSignIn(client, MARCUS)
    const victim = await client.startAuthorization()
    const mixed = { ...attacker.transaction, nonce: victim.transaction.nonce }
    t.equal(
      await rejects(client.completeAuthorization(attacker.callbackUrl, mixed), 'invalid_token_response'),
      true,
    )
  },
)

t.test('C22: the tenant allowlist refuses a Fabrikam user when only Contoso is allowed', async (t) => {
  const client = env.client({ authority: env.emulator.issuer(FABRIKAM.id), allowedTenants: [CONTOSO.id] })
  const { callbackUrl, transaction } = await browserSignIn(client, 'ingrid.novak@fabrikam.example')
  t.equal(await rejects(client.completeAuthorization(callbackUrl, transaction), 'tenant_not_allowed'), true)
  const allowed = env.client({
    authority: env.emulator.issuer(FABRIKAM.id),
    allowedTenants: [FABRIKAM.id, CONTOSO.id],
  })
  const ok = await browserSignIn(allowed, 'ingrid.novak@fabrikam.example')
  const done = await allowed.completeAuthorization(ok.callbackUrl, ok.transaction)
  t.equal(done.identity.tid, FABRIKAM.id)
})

t.test("C22: a Fabrikam code can't be redeemed through the Contoso authority", async (t) => {
  const contoso = env.client()
  const fabrikam = env.client({ authority: env.emulator.issuer(FABRIKAM.id) })
  const foreign = await browserSignIn(fabrikam, 'ingrid.novak@fabrikam.example')
  const err = await contoso
    .completeAuthorization(foreign.callbackUrl, foreign.transaction)
    .catch((e: unknown) => e)
  t.ok(err instanceof EntraError && ['code_rejected', 'invalid_token_response'].includes(err.code), 'refused')
})

t.test('C23 nOAuth: the Fabrikam look-alike with a Contoso email maps to a different sub', async (t) => {
  const contoso = env.client({ allowedTenants: [CONTOSO.id, FABRIKAM.id] })
  const fabrikam = env.client({
    authority: env.emulator.issuer(FABRIKAM.id),
    allowedTenants: [CONTOSO.id, FABRIKAM.id],
  })
  const real = await browserSignIn(contoso, MARCUS)
  const fake = await browserSignIn(fabrikam, MARCUS_LOOKALIKE)
  const a = await contoso.completeAuthorization(real.callbackUrl, real.transaction)
  const b = await fabrikam.completeAuthorization(fake.callbackUrl, fake.transaction)
  t.equal(env.user(MARCUS_LOOKALIKE).mail, MARCUS, 'the seed look-alike claims the Contoso address')
  t.equal(b.identity.email, a.identity.email, 'both ID tokens carry the same email')
  t.not(b.identity.sub, a.identity.sub, 'identity is tid+oid, never email')
  t.equal(b.identity.sub, userIdFor(FABRIKAM.id, env.user(MARCUS_LOOKALIKE).id))
})

t.test(
  'C24: an upstream error=access_denied callback is a typed access_denied, no code redeemed',
  async (t) => {
    const client = env.client()
    const { transaction } = await client.startAuthorization()
    const denied = new URL(REDIRECT_URI)
    denied.searchParams.set('error', 'access_denied')
    denied.searchParams.set('error_description', 'AADSTS65004: User declined to consent to access the app.')
    denied.searchParams.set('state', transaction.state)
    t.equal(await rejects(client.completeAuthorization(denied, transaction), 'access_denied'), true)
    const other = new URL(denied)
    other.searchParams.set('error', 'server_error')
    const err = await client.completeAuthorization(other, transaction).catch((e: unknown) => e)
    t.ok(err instanceof EntraError && err.code === 'upstream_error' && err.upstream?.error === 'server_error')
    const forged = new URL(denied)
    forged.searchParams.set('state', 'forged')
    t.equal(
      await rejects(client.completeAuthorization(forged, transaction), 'invalid_callback'),
      true,
      'an error with a foreign state is not even reported',
    )
  },
)

t.test('C24: malformed callbacks are refused as invalid_callback', async (t) => {
  const client = env.client()
  const { transaction } = await client.startAuthorization()
  const cases: Record<string, string> = {
    'no code': `${REDIRECT_URI}?state=${transaction.state}`,
    'code and error': `${REDIRECT_URI}?state=${transaction.state}&code=abc&error=access_denied`,
    'two codes': `${REDIRECT_URI}?state=${transaction.state}&code=a&code=b`,
    'bad error syntax': `${REDIRECT_URI}?state=${transaction.state}&error=%22x%22`,
    'fragment response': `${REDIRECT_URI}#state=${transaction.state}&code=a`,
    'oversized code': `${REDIRECT_URI}?state=${transaction.state}&code=${'a'.repeat(5000)}`,
    'not a URL': 'not a url',
  }
  for (const [name, url] of Object.entries(cases)) {
    t.equal(await rejects(client.completeAuthorization(url, transaction), 'invalid_callback'), true, name)
  }
})
