// Refresh against the emulator: rotation, and each injected token endpoint fault mapped to what
// the caller must do (revoke the grant, or try again later).
import t from 'tap'
import { EntraError } from '../../src/entra/errors.js'
import { browserSignIn, startTestEmulator } from './support/emulator.js'

const env = await startTestEmulator((fn) => t.teardown(fn))
const PRIYA = 'priya.raman@contoso.example'

async function signedIn() {
  const client = env.client()
  const { callbackUrl, transaction } = await browserSignIn(client, PRIYA)
  const { tokens } = await client.completeAuthorization(callbackUrl, transaction)
  return { client, tokens }
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  )

t.afterEach(() => env.emulator.faults.clear())

t.test(
  'refresh: every refresh returns a new refresh token and access token (RFC 6749 §6, rotation)',
  async (t) => {
    const { client, tokens } = await signedIn()
    const first = await client.refresh(tokens.refreshToken)
    const second = await client.refresh(first.refreshToken)
    t.not(first.refreshToken, tokens.refreshToken)
    t.not(second.refreshToken, first.refreshToken)
    t.not(second.accessToken, first.accessToken)
    t.match(second.scope, /User\.Read/)
    const profile = await client.fetchProfile(second.accessToken)
    t.equal(profile.id, env.user(PRIYA).id, 'the refreshed access token works at Graph')
  },
)

t.test('refresh: the scope parameter is always sent and narrows the granted scope', async (t) => {
  const { client, tokens } = await signedIn()
  const narrowed = await client.refresh(tokens.refreshToken, 'openid offline_access User.Read')
  t.match(narrowed.scope, /User\.Read/)
  t.notMatch(narrowed.scope, /People\.Read/)
})

for (const kind of ['invalid_grant', 'consent_required', 'interaction_required'] as const) {
  t.test(`refresh: Entra ${kind} becomes reauth_required, without retries`, async (t) => {
    const { client, tokens } = await signedIn()
    const rule = env.emulator.faults.add({ target: 'token:refresh_token', kind })
    const err = await failure(client.refresh(tokens.refreshToken))
    t.ok(err instanceof EntraError && err.code === 'reauth_required', String(err))
    t.equal(env.emulator.faults.list().find((r) => r.id === rule.id)?.hits, 1, 'a dead grant is not retried')
  })
}

t.test('refresh: a revoked user (AADSTS50173) becomes reauth_required', async (t) => {
  const { client, tokens } = await signedIn()
  const res = await fetch(`${env.emulator.identityOrigin}/_emulator/users/${env.user(PRIYA).id}/revoke`, {
    method: 'POST',
  })
  t.ok(res.ok)
  const err = await failure(client.refresh(tokens.refreshToken))
  t.ok(
    err instanceof EntraError && err.code === 'reauth_required' && err.upstream?.aadsts?.includes(50173),
    String(err),
  )
})

for (const kind of ['throttle', 'unavailable'] as const) {
  t.test(`refresh: persistent ${kind} is retried 3 times, then a transient error`, async (t) => {
    const { client, tokens } = await signedIn()
    const rule = env.emulator.faults.add({ target: 'token:refresh_token', kind, retryAfter: 0.05 })
    const err = await failure(client.refresh(tokens.refreshToken))
    t.ok(err instanceof EntraError && err.code === 'transient', String(err))
    t.equal((err as EntraError).retryAfterMs, 50, 'Retry-After is reported to the caller')
    t.equal(env.emulator.faults.list().find((r) => r.id === rule.id)?.hits, 3, 'max 3 attempts')
  })
}

t.test('refresh: a single throttle (times: 1) succeeds after one retry', async (t) => {
  const { client, tokens } = await signedIn()
  env.emulator.faults.add({ target: 'token:refresh_token', kind: 'throttle', retryAfter: 0.05, times: 1 })
  const started = Date.now()
  const refreshed = await client.refresh(tokens.refreshToken)
  t.ok(Date.now() - started >= 50, 'waited for Retry-After')
  t.not(refreshed.refreshToken, tokens.refreshToken)
  t.equal(env.emulator.faults.list().length, 0, 'the rule was consumed')
})

t.test('refresh: a Retry-After beyond the cap is not waited for', async (t) => {
  const { client, tokens } = await signedIn()
  const rule = env.emulator.faults.add({ target: 'token:refresh_token', kind: 'throttle', retryAfter: 30 })
  const started = Date.now()
  const err = await failure(client.refresh(tokens.refreshToken))
  t.ok(err instanceof EntraError && err.code === 'transient' && err.retryAfterMs === 30_000, String(err))
  t.ok(Date.now() - started < 2_000)
  t.equal(env.emulator.faults.list().find((r) => r.id === rule.id)?.hits, 1)
})

t.test('refresh: an unreachable Entra is a transient error', async (t) => {
  const client = env.client({ authority: 'http://127.0.0.1:9/00000000-0000-0000-0000-000000000000/v2.0' })
  const err = await failure(client.refresh('some-refresh-token'))
  t.ok(err instanceof EntraError && err.code === 'transient', String(err))
})

t.test(
  'refresh: an unknown refresh token is reauth_required; a bad client secret is upstream_error',
  async (t) => {
    const { tokens } = await signedIn()
    const client = env.client()
    const unknown = await failure(client.refresh('not-a-refresh-token-we-issued'))
    t.ok(unknown instanceof EntraError && unknown.code === 'reauth_required', String(unknown))
    const misconfigured = env.client({ credential: { kind: 'secret', secret: 'wrong' } })
    const err = await failure(misconfigured.refresh(tokens.refreshToken))
    t.ok(
      err instanceof EntraError && err.code === 'upstream_error' && err.upstream?.error === 'invalid_client',
      String(err),
    )
  },
)

t.test('profile: a throttled Graph /me is retried', async (t) => {
  const { client, tokens } = await signedIn()
  env.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 0.05, times: 1 })
  const profile = await client.fetchProfile(tokens.accessToken)
  t.equal(profile.userPrincipalName, PRIYA)
  const err = await failure(client.fetchProfile('not-a-token'))
  t.ok(
    err instanceof EntraError && err.code === 'upstream_error' && err.upstream?.status === 401,
    String(err),
  )
})
