import t from 'tap'
import { TokenGrantError } from '../../src/tokens/token-grant-error.js'
import {
  grantModules,
  grantWithCode,
  manualClock,
  memoryStore,
  redeemInput,
  redisStore,
} from './token-fixture.js'
import type { Store } from '@m365mcp/store'

async function issued(store: Store, options: Parameters<typeof grantModules>[1] = {}) {
  const modules = grantModules(store, options)
  const { code } = await grantWithCode(modules)
  const { grant } = await modules.codes.redeem(redeemInput(code))
  const { refreshToken } = await modules.refreshTokens.issue(grant)
  return { ...modules, grant, refreshToken }
}

const grantError = (error: string, reason: string) => ({ name: 'TokenGrantError', error, reason })

t.test('D30: every refresh returns a new refresh token and the old one stops working', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken, grants } = await issued(store, { graceMs: 0 })
  const first = await refreshTokens.rotate({ refreshToken, clientId: grant.clientId })
  t.not(first.refreshToken, refreshToken)
  t.equal(first.scope, grant.scope)
  const second = await refreshTokens.rotate({ refreshToken: first.refreshToken, clientId: grant.clientId })
  t.not(second.refreshToken, first.refreshToken)
  await t.rejects(
    refreshTokens.rotate({ refreshToken, clientId: grant.clientId }),
    grantError('invalid_grant', 'token_reused'),
  )
  t.equal(await grants.get(grant.id), null, 'replay of a rotated token revokes the grant (the family)')
  await t.rejects(
    refreshTokens.rotate({ refreshToken: second.refreshToken, clientId: grant.clientId }),
    grantError('invalid_grant', 'unknown'),
    'the newest token of the family is dead too',
  )
})

t.test('D30: of 20 concurrent refreshes with one token at most one succeeds (no grace window)', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken, grants } = await issued(store, { graceMs: 0 })
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () => refreshTokens.rotate({ refreshToken, clientId: grant.clientId })),
  )
  const wins = results.filter((result) => result.status === 'fulfilled')
  t.ok(wins.length <= 1, `at most one success (${wins.length})`)
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  )
  t.ok(failures.every((error) => error instanceof TokenGrantError && error.error === 'invalid_grant'))
  t.equal(await grants.get(grant.id), null, 'the concurrent reuse revoked the family')
})

t.test('D30: with a grace window, 20 concurrent refreshes mint exactly one successor', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken, grants } = await issued(store, { graceMs: 30_000 })
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, () => refreshTokens.rotate({ refreshToken, clientId: grant.clientId })),
  )
  const successors = new Set(
    results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.refreshToken] : [])),
  )
  t.equal(successors.size, 1, 'one successor, handed to every request in the window')
  t.ok(await grants.get(grant.id), 'no revocation inside the window')
  const [successor] = successors
  const next = await refreshTokens.rotate({ refreshToken: successor!, clientId: grant.clientId })
  t.ok(next.refreshToken, 'the successor works')
  await t.rejects(
    refreshTokens.rotate({ refreshToken, clientId: grant.clientId }),
    grantError('invalid_grant', 'token_reused'),
  )
  t.equal(await grants.get(grant.id), null, 'once the successor was used, the old token is reuse')
})

t.test('D30 grace rule: a lost response gets the same unused successor only inside the window', async (t) => {
  const clock = manualClock()
  const store = memoryStore(t, clock.now)
  const { refreshTokens, grant, refreshToken, grants } = await issued(store, {
    now: clock.now,
    graceMs: 30_000,
  })
  const lost = await refreshTokens.rotate({ refreshToken, clientId: grant.clientId })
  clock.advance(10_000)
  const retry = await refreshTokens.rotate({ refreshToken, clientId: grant.clientId })
  t.equal(retry.refreshToken, lost.refreshToken, 'the same successor, not a new token')
  clock.advance(21_000)
  await t.rejects(
    refreshTokens.rotate({ refreshToken, clientId: grant.clientId }),
    grantError('invalid_grant', 'token_reused'),
  )
  t.equal(await grants.get(grant.id), null, 'outside the window the replay revokes the grant')
})

t.test('D31: a refresh may narrow the scope but not broaden it or change the resource', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken } = await issued(store)
  const clientId = grant.clientId
  for (const scope of ['mcp:tools mail.send', 'mail.send', '', 'mcp:tools  mail.read', 'mcp:"tools']) {
    await t.rejects(
      refreshTokens.rotate({ refreshToken, clientId, scope }),
      grantError('invalid_scope', 'scope_broadened'),
      JSON.stringify(scope),
    )
  }
  for (const resource of [
    'https://mcp.example.com/sse',
    'https://evil.example/mcp',
    'https://mcp.example.com/mcp/',
  ]) {
    await t.rejects(
      refreshTokens.rotate({ refreshToken, clientId, resource }),
      grantError('invalid_target', 'resource_changed'),
      resource,
    )
  }
  const narrowed = await refreshTokens.rotate({
    refreshToken,
    clientId,
    scope: 'mail.read',
    resource: grant.resource,
  })
  t.equal(narrowed.scope, 'mail.read', 'the refused requests did not consume the token; narrowing works')
  const full = await refreshTokens.rotate({ refreshToken: narrowed.refreshToken, clientId })
  t.equal(full.scope, grant.scope, 'the refresh token keeps the original scope (RFC 6749 §6)')
})

t.test('D32: a refresh token presented by another client is invalid_grant and not consumed', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken } = await issued(store)
  await t.rejects(
    refreshTokens.rotate({ refreshToken, clientId: 'mcp_client_b' }),
    grantError('invalid_grant', 'client_mismatch'),
  )
  t.equal(
    await refreshTokens.revoke({ refreshToken, clientId: 'mcp_client_b' }),
    false,
    'nor revocable by it (RFC 7009 §2.1)',
  )
  t.ok(
    await refreshTokens.rotate({ refreshToken, clientId: grant.clientId }),
    'the rightful client still refreshes',
  )
})

t.test('D35: refresh tokens carry 256 bits and malformed ones are refused before any lookup', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken } = await issued(store)
  t.match(refreshToken, /^[A-Za-z0-9_-]{43}$/)
  const seen = new Set([refreshToken])
  let current = refreshToken
  for (let i = 0; i < 10; i++) {
    current = (await refreshTokens.rotate({ refreshToken: current, clientId: grant.clientId })).refreshToken
    seen.add(current)
  }
  t.equal(seen.size, 11, 'all distinct')
  for (const bad of ['', 'short', `${refreshToken}=`, 'A'.repeat(44)]) {
    await t.rejects(
      refreshTokens.rotate({ refreshToken: bad, clientId: grant.clientId }),
      grantError('invalid_grant', 'malformed'),
    )
  }
})

t.test('refresh slides the grant lifetime but never past its absolute end', async (t) => {
  const clock = manualClock()
  const store = memoryStore(t, clock.now)
  const { refreshTokens, grant, refreshToken, keys } = await issued(store, { now: clock.now })
  const day = 86_400_000
  let token = refreshToken
  for (let days = 20; days <= 80; days += 20) {
    clock.advance(20 * day)
    token = (await refreshTokens.rotate({ refreshToken: token, clientId: grant.clientId })).refreshToken
    t.equal(
      await store.ttl(keys.grant(grant.id)),
      Math.min(30, 90 - days) * day,
      `day ${days}: idle window restarted`,
    )
  }
  clock.advance(10 * day)
  await t.rejects(
    refreshTokens.rotate({ refreshToken: token, clientId: grant.clientId }),
    { name: 'TokenGrantError', error: 'invalid_grant' },
    'no refresh past the absolute lifetime of 90 days',
  )
})

t.test('RFC 7009: revoking a refresh token revokes its grant', async (t) => {
  const { store } = await redisStore(t)
  const { refreshTokens, grant, refreshToken, grants } = await issued(store)
  t.equal(await refreshTokens.revoke({ refreshToken, clientId: grant.clientId }), true)
  t.equal(await grants.get(grant.id), null)
  t.equal(await refreshTokens.revoke({ refreshToken, clientId: grant.clientId }), false, 'unknown afterwards')
})
