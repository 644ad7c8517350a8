// Issue 3 acceptance: 50 concurrent token exchanges, split across the internal listeners of two
// replicas on one Redis, on a grant whose stored Entra token is about to expire cause exactly one
// refresh at Entra: the per-grant lock lives in Redis, and waiters reuse the refreshed token
// (Entra rotates refresh tokens; a second refresh with the old one would race it). The grant then
// holds the rotated Entra refresh token: the one the emulator issued last (compared by hash).
import { createHash } from 'node:crypto'
import t from 'tap'
import { decodeJwt } from 'jose'
import { registerPublicClient } from '../support/mcp-client.js'
import { startReplicas } from '../support/replica-harness.js'
import { exchangeAt, signInForTokensAcross, splitAcross } from '../support/replica-flows.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

t.test(
  'replicas: 50 concurrent exchanges on an expiring Graph token: all 200 with one new token, one Entra refresh',
  async (t) => {
    // 3-minute Graph tokens: a refreshed token is outside the refresh margin, so waiters reuse it.
    const h = await startReplicas((fn) => t.teardown(fn), { accessTokenTtlSeconds: 180 })
    const client = await registerPublicClient(h.a.url, REDIRECT)
    const { accessToken } = await signInForTokensAcross(h, client.client_id, REDIRECT)
    const before = await exchangeAt(h.b, accessToken)
    t.equal(before.status, 200, 'a first exchange answers the Graph token from sign-in')

    // Time passes for the stored Entra token: it is now inside the refresh margin.
    const grantId = String(decodeJwt(accessToken).gid)
    const grant = await h.a.services.grants.get(grantId)
    if (!grant) throw new Error('grant missing')
    const stored = h.a.services.grants.entraTokens(grant)
    await h.a.services.grants.updateEntraTokens(grantId, { ...stored, expiresAt: Date.now() + 1000 })
    const refreshesBefore = h.emulator.stats().byClient[h.entraClientId]?.refresh_token ?? 0

    const results = await splitAcross(h, 50, (replica) => exchangeAt(replica, accessToken))
    t.ok(
      results.every((r) => r.status === 200),
      `every exchange succeeds: ${JSON.stringify([...new Set(results.map((r) => r.status))])}`,
    )
    const tokens = new Set(results.map((r) => r.body.access_token))
    t.equal(tokens.size, 1, 'one Graph token for all 50')
    t.not([...tokens][0], before.body.access_token, 'and it is a refreshed one')
    const refreshes = (h.emulator.stats().byClient[h.entraClientId]?.refresh_token ?? 0) - refreshesBefore
    t.equal(refreshes, 1, 'the emulator counted exactly one refresh_token grant for our app')

    const admin = await fetch(`${h.emulator.identityOrigin}/_emulator/stats`)
    const served = (await admin.json()) as { byClient: Record<string, Record<string, number>> }
    t.equal(
      served.byClient[h.entraClientId]?.refresh_token,
      refreshesBefore + 1,
      'the admin API reports the same count',
    )

    const after = await h.b.services.grants.get(grantId)
    if (!after) throw new Error('grant missing after the refresh')
    const storedAfter = h.b.services.grants.entraTokens(after)
    t.not(storedAfter.refreshToken, stored.refreshToken, 'the stored Entra refresh token changed')
    const lastIssued = h.emulator
      .refreshTokens()
      .find((e) => e.clientId === h.entraClientId && e.userId === h.emulator.seed.demoUsers[0]?.id)
    t.equal(
      createHash('sha256').update(storedAfter.refreshToken).digest('hex'),
      lastIssued?.sha256,
      'it is the refresh token the emulator issued in that one refresh',
    )
    t.equal(storedAfter.accessToken, [...tokens][0], 'the stored Graph token is the one all 50 received')
  },
)
