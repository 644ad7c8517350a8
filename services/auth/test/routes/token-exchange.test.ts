// POST /internal/token-exchange against the running service and emulator (shape of RFC 8693;
// ATTACKS F40, F42): only the tools service's credential is accepted, only our own access tokens
// for our resources are exchanged, Entra's re-authentication errors revoke the grant (401), a
// transient Entra failure is 503, and concurrent exchanges refresh the Graph token once.
import t from 'tap'
import { decodeJwt, generateKeyPair, SignJWT } from 'jose'
import { startAuthWith, type AuthHarness } from '../support/auth-harness.js'
import { exchange, signInForTokens, stillAnswering } from '../support/attack-kit.js'
import { registerPublicClient, token, type RegisteredClient } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

// Graph tokens of 60 s are inside the 2-minute refresh margin at once: every exchange refreshes.
let auth: AuthHarness
let client: RegisteredClient

t.before(async () => {
  auth = await startAuthWith((fn) => t.teardown(fn), { accessTokenTtlSeconds: 60 })
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
})

const signIn = (harness: AuthHarness, clientId: string) =>
  signInForTokens(harness, { clientId, redirectUri: REDIRECT })

t.test('a missing or wrong service credential is 401 invalid_client', async (t) => {
  const issued = await signIn(auth, client.client_id)
  for (const [label, secret] of [
    ['missing', null],
    ['wrong', 'internal-secret-for-tests-0123456789abcdeX'],
    ['empty', ''],
    ['a prefix of the right one', 'internal-secret-for-tests'],
  ] as const) {
    const result = await exchange(auth, issued.access_token, secret)
    t.equal(result.status, 401, label)
    t.equal(result.body.error, 'invalid_client', label)
    t.notOk(result.body.access_token, `${label}: no Graph token`)
  }
})

t.test('F40: a token for another audience, a foreign signature or a raw Entra token is 401', async (t) => {
  const issued = await signIn(auth, client.client_id)
  const claims = decodeJwt(issued.access_token)

  const otherAudience = await auth.services.accessTokens.mint({
    sub: String(claims.sub),
    clientId: client.client_id,
    scope: String(claims.scope),
    resource: 'https://evil.example/mcp',
    grantId: String(claims.gid),
  })
  const wrongAud = await exchange(auth, otherAudience.token)
  t.equal(wrongAud.status, 401, 'our signature but another audience')
  t.equal(wrongAud.body.error, 'invalid_token')

  const { privateKey } = await generateKeyPair('ES256')
  const forged = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'forged' })
    .sign(privateKey)
  const foreign = await exchange(auth, forged)
  t.equal(foreign.status, 401, 'the same claims under a foreign key')
  t.equal(foreign.body.error, 'invalid_token')

  const graph = await exchange(auth, issued.access_token)
  t.equal(graph.status, 200)
  const passthrough = await exchange(auth, String(graph.body.access_token))
  t.equal(passthrough.status, 401, 'an Entra (Graph) token is not one of ours')
  await stillAnswering(t, auth)
})

t.test(
  'Entra invalid_grant on the Graph refresh revokes the grant: exchange 401, refresh invalid_grant',
  async (t) => {
    const issued = await signIn(auth, client.client_id)
    auth.emulator.faults.add({ target: 'token:refresh_token', kind: 'invalid_grant', times: 1 })
    t.teardown(() => auth.emulator.faults.clear())
    const result = await exchange(auth, issued.access_token)
    t.equal(result.status, 401)
    t.equal(result.body.error, 'invalid_token')
    t.notOk(result.body.access_token)
    t.equal(auth.emulator.faults.list().length, 0, 'the fault was hit: Entra was asked to refresh')
    const again = await exchange(auth, issued.access_token)
    t.equal(again.status, 401, 'the grant stays revoked once Entra works again')
    const refreshed = await token(auth.publicUrl, {
      grant_type: 'refresh_token',
      refresh_token: issued.refresh_token,
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 400)
    t.equal(refreshed.body.error, 'invalid_grant', 'the MCP client must sign in again')
  },
)

t.test(
  'a transient Entra failure on the Graph refresh is 503 temporarily_unavailable, and recovers',
  async (t) => {
    const issued = await signIn(auth, client.client_id)
    auth.emulator.faults.add({ target: 'token:refresh_token', kind: 'unavailable', retryAfter: 0.05 })
    t.teardown(() => auth.emulator.faults.clear())
    const result = await exchange(auth, issued.access_token)
    t.equal(result.status, 503)
    t.equal(result.body.error, 'temporarily_unavailable')
    t.ok(Number(result.headers.get('retry-after')) > 0, 'with Retry-After')
    t.notOk(result.body.access_token)
    auth.emulator.faults.clear()
    const recovered = await exchange(auth, issued.access_token)
    t.equal(recovered.status, 200, 'the grant was not revoked by a transient failure')
  },
)

t.test(
  'concurrent exchanges needing a refresh refresh Entra once: all get the same Graph token',
  async (t) => {
    // 3-minute Graph tokens: a refreshed token is fresh, so waiters reuse it instead of refreshing.
    const harness = await startAuthWith((fn) => t.teardown(fn), { accessTokenTtlSeconds: 180 })
    const own = await registerPublicClient(harness.publicUrl, REDIRECT)
    const issued = await signIn(harness, own.client_id)
    const before = await exchange(harness, issued.access_token)
    t.equal(before.status, 200)

    // Time passes for the stored Entra token: it is now inside the refresh margin.
    const grantId = String(decodeJwt(issued.access_token).gid)
    const grant = await harness.services.grants.get(grantId)
    if (!grant) throw new Error('grant missing')
    const stored = harness.services.grants.entraTokens(grant)
    await harness.services.grants.updateEntraTokens(grantId, { ...stored, expiresAt: Date.now() + 1000 })

    const results = await Promise.all(
      Array.from({ length: 10 }, () => exchange(harness, issued.access_token)),
    )
    t.ok(
      results.every((r) => r.status === 200),
      'every exchange succeeds',
    )
    const tokens = new Set(results.map((r) => r.body.access_token))
    t.equal(tokens.size, 1, 'one Graph token for all: Entra was refreshed once')
    t.not([...tokens][0], before.body.access_token, 'and it is a refreshed one')
  },
)
