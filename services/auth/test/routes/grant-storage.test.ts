// What the grant keeps, read back through the service's own grant store after real sign-ins
// against the emulator (issue 3): the Graph `/me` profile of the user (the ID token's claims when
// Graph is down at sign-in, which must not fail the sign-in), and, after a forced Graph-token
// refresh through the internal token exchange, the rotated Entra refresh token.
// The emulator keeps old refresh tokens valid (as Entra does), so "the exchange still works" cannot
// show which one was stored: the stored token is compared with the hash of the last one the
// emulator issued (GET /_emulator/refresh-tokens, `emulator.refreshTokens()`).
import { createHash } from 'node:crypto'
import t from 'tap'
import { decodeJwt } from 'jose'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'
import { demoUser, exchange, signInForTokens } from '../support/attack-kit.js'
import { registerPublicClient, type RegisteredClient } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

let auth: AuthHarness
let client: RegisteredClient

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  client = await registerPublicClient(auth.publicUrl, REDIRECT)
})

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** The grant of an access token, read through the service's grant store. */
async function grantOf(accessToken: string) {
  const grantId = String(decodeJwt(accessToken).gid)
  const grant = await auth.services.grants.get(grantId)
  if (!grant) throw new Error(`grant ${grantId} missing`)
  return { grantId, grant, entra: auth.services.grants.entraTokens(grant) }
}

/** The emulator's record of the last refresh token it issued to our app for the demo user. */
async function lastIssuedByEmulator() {
  const response = await fetch(`${auth.emulator.identityOrigin}/_emulator/refresh-tokens`)
  const body = (await response.json()) as {
    refreshTokens: Array<{ clientId: string; userId: string; sha256: string; issued: number }>
  }
  const entry = body.refreshTokens.find(
    (e) => e.clientId === auth.services.config.ENTRA_CLIENT_ID && e.userId === demoUser(auth).id,
  )
  if (!entry) throw new Error('the emulator issued no refresh token to our app for the demo user')
  return entry
}

t.test('the Graph /me profile of the signed-in user is kept with the grant', async (t) => {
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  t.equal(issued.status, 200)
  const user = auth.emulator.seed.demoUsers[0]
  if (!user) throw new Error('no demo user')
  const { grant } = await grantOf(issued.access_token)
  t.same(
    grant.profile,
    { name: user.displayName, preferredUsername: user.userPrincipalName, email: user.mail },
    'displayName, UPN and mail of the seeded user',
  )
  t.equal(grant.oid, user.id, 'the grant names the user by oid')
})

t.test('Graph /me unavailable at sign-in: the sign-in succeeds with the ID token profile', async (t) => {
  const user = auth.emulator.seed.demoUsers[0]
  if (!user) throw new Error('no demo user')
  // Enough failures to outlast the profile fetch's retries; only this user's /me.
  const rule = auth.emulator.faults.add({
    target: 'graph:/me',
    kind: 'unavailable',
    userId: user.id,
    times: 50,
  })
  t.teardown(() => auth.emulator.faults.clear())
  const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
  const hits = auth.emulator.faults.list().find((r) => r.id === rule.id)?.hits ?? 0
  auth.emulator.faults.clear()
  t.ok(hits >= 1, `Graph /me was asked and answered 503 (${hits} times)`)
  t.equal(issued.status, 200, 'the code is issued and redeemed all the same')
  const { grant } = await grantOf(issued.access_token)
  // The emulator's ID token carries name, preferred_username and email of the directory user.
  t.same(
    grant.profile,
    { name: user.displayName, preferredUsername: user.userPrincipalName, email: user.mail },
    'the profile falls back to the ID token claims',
  )
  const graph = await exchange(auth, issued.access_token)
  t.equal(graph.status, 200, 'the grant is usable: the exchange answers a Graph token')
})

t.test(
  'a forced Graph-token refresh through the token exchange stores the rotated Entra refresh token',
  async (t) => {
    const issued = await signInForTokens(auth, { clientId: client.client_id, redirectUri: REDIRECT })
    const before = await grantOf(issued.access_token)
    const atSignIn = await lastIssuedByEmulator()
    t.equal(
      atSignIn.sha256,
      sha256(before.entra.refreshToken),
      'sign-in stored the refresh token Entra issued',
    )

    // The stored Graph token is about to expire: the next exchange refreshes it with Entra.
    await auth.services.grants.updateEntraTokens(before.grantId, {
      ...before.entra,
      expiresAt: Date.now() + 1000,
    })
    const refreshesBefore = auth.emulator.stats().byGrantType.refresh_token ?? 0
    const result = await exchange(auth, issued.access_token)
    t.equal(result.status, 200, 'the exchange answers a Graph token')
    t.not(result.body.access_token, before.entra.accessToken, 'a refreshed Graph token')
    t.equal((auth.emulator.stats().byGrantType.refresh_token ?? 0) - refreshesBefore, 1, 'one Entra refresh')

    const after = await grantOf(issued.access_token)
    const issuedByEmulator = await lastIssuedByEmulator()
    t.equal(issuedByEmulator.issued, atSignIn.issued + 1, 'the emulator issued one new refresh token')
    t.not(after.entra.refreshToken, before.entra.refreshToken, 'the stored Entra refresh token changed')
    t.equal(
      sha256(after.entra.refreshToken),
      issuedByEmulator.sha256,
      'the stored one is the new token the emulator issued',
    )
    t.equal(
      after.entra.accessToken,
      result.body.access_token,
      'and the stored Graph token is the one answered',
    )
  },
)
