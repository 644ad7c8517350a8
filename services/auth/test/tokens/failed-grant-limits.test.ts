// Unit tests of the failed-grant limits (ATTACKS D35) on the fixed-window counter they share with
// the DCR limits: what counts, when a key is refused, the Retry-After, and limit 0 switching a
// scope off. The memory store with a controlled clock stands in for Redis (same Store port); the
// route test (test/routes/failed-grant-limit.test.ts) runs the same code against Redis.
import { createMemoryStore } from '@m365mcp/store'
import t from 'tap'
import type { Asserts } from '../support/attack-kit.js'
import { OAuthError } from '../../src/oauth/errors.js'
import { createKeys } from '../../src/store/keys.js'
import { createFixedWindow } from '../../src/store/fixed-window.js'
import {
  createFailedGrantLimits,
  failedGrantLimited,
  isCountedFailure,
} from '../../src/tokens/failed-grant-limits.js'
import { invalidGrant, TokenGrantError } from '../../src/tokens/token-grant-error.js'

const MINUTE = 60_000

function setup(t: Asserts, perClient: number, perSource: number) {
  let now = 1_000 * 5 * MINUTE + MINUTE // one minute into a five-minute window
  const store = createMemoryStore({ now: () => now })
  t.teardown(() => store.close())
  const limits = createFailedGrantLimits({
    store,
    keys: createKeys('fg:'),
    now: () => now,
    perClient,
    perSource,
    windowMs: 5 * MINUTE,
  })
  return { limits, advance: (ms: number) => (now += ms) }
}

t.test('D35: a client_id over its limit is refused from any source until its window ends', async (t) => {
  const { limits, advance } = setup(t, 2, 100)
  const attacker = { clientId: 'client-a', ip: '203.0.113.1' }
  t.same(await limits.check(attacker), { allowed: true })
  await limits.recordFailure(attacker)
  t.same(await limits.check(attacker), { allowed: true }, 'one failure is below the limit')
  await limits.recordFailure(attacker)
  t.same(await limits.check(attacker), { allowed: false, scope: 'client', retryAfterSeconds: 4 * 60 })
  t.match(await limits.check({ clientId: 'client-a', ip: '198.51.100.9' }), {
    allowed: false,
    scope: 'client',
  })
  t.same(
    await limits.check({ clientId: 'client-b', ip: '203.0.113.1' }),
    { allowed: true },
    'other clients pass',
  )
  t.same(await limits.check({ clientId: undefined, ip: '203.0.113.1' }), { allowed: true })
  advance(4 * MINUTE)
  t.same(await limits.check(attacker), { allowed: true }, 'a new window starts afresh')
})

t.test(
  'D35: a source over its limit is refused whatever client_id it names; IPv6 counts by /64',
  async (t) => {
    const { limits } = setup(t, 100, 3)
    for (let i = 0; i < 3; i += 1)
      await limits.recordFailure({ clientId: `c${i}`, ip: `2001:db8:1:2::${i + 1}` })
    t.match(await limits.check({ clientId: 'fresh', ip: '2001:db8:1:2:ffff::1' }), {
      allowed: false,
      scope: 'source',
    })
    t.match(await limits.check({ clientId: undefined, ip: '2001:db8:1:2::9' }), { allowed: false })
    t.same(await limits.check({ clientId: 'fresh', ip: '2001:db8:1:3::1' }), { allowed: true }, 'next /64')
    t.same(
      await limits.check({ clientId: 'c0', ip: '192.0.2.1' }),
      { allowed: true },
      'the clients are not limited',
    )
  },
)

t.test('D35: a failure without a readable client_id counts against its source only', async (t) => {
  const { limits } = setup(t, 1, 10)
  await limits.recordFailure({ clientId: undefined, ip: '192.0.2.7' })
  t.same(await limits.check({ clientId: 'any', ip: '192.0.2.8' }), { allowed: true })
})

t.test('D35: both limits reached: the source is named and Retry-After covers both', async (t) => {
  const { limits } = setup(t, 1, 1)
  const subject = { clientId: 'c', ip: '192.0.2.9' }
  await limits.recordFailure(subject)
  t.same(await limits.check(subject), { allowed: false, scope: 'source', retryAfterSeconds: 4 * 60 })
})

t.test('D35: a limit of 0 switches that scope off', async (t) => {
  const { limits } = setup(t, 0, 2)
  for (let i = 0; i < 50; i += 1) await limits.recordFailure({ clientId: 'c', ip: `192.0.2.${i}` })
  t.same(await limits.check({ clientId: 'c', ip: '198.51.100.1' }), { allowed: true }, 'no per-client limit')
  const off = setup(t, 2, 0)
  for (let i = 0; i < 50; i += 1) await off.limits.recordFailure({ clientId: `c${i}`, ip: '192.0.2.1' })
  t.same(
    await off.limits.check({ clientId: 'new', ip: '192.0.2.1' }),
    { allowed: true },
    'no per-source limit',
  )
})

t.test('D35: only invalid_grant and invalid_client count as failures', async (t) => {
  t.ok(isCountedFailure(invalidGrant('pkce_failed')))
  t.ok(isCountedFailure(new OAuthError('invalid_client', 'bad secret')))
  t.ok(isCountedFailure(new OAuthError('invalid_grant', 'x')))
  t.notOk(isCountedFailure(new TokenGrantError('invalid_scope', 'scope_broadened')))
  t.notOk(isCountedFailure(new OAuthError('invalid_request', 'code is required')))
  t.notOk(isCountedFailure(new OAuthError('unsupported_grant_type', 'x')))
  t.notOk(isCountedFailure(new Error('store down')))
  t.match(failedGrantLimited(), { error: 'temporarily_unavailable', status: 429 })
})

t.test('fixed window: hit counts and decides, exhausted only reads, add only counts', async (t) => {
  let now = 10_500
  const store = createMemoryStore({ now: () => now })
  t.teardown(() => store.close())
  const window = createFixedWindow(store, () => now, { limit: 2, windowMs: 1_000 })
  const key = (w: number) => `fw:${w}`
  t.equal(await window.exhausted(key), null)
  t.equal(await window.hit(key), null)
  t.equal(await window.exhausted(key), null, 'reading does not count')
  t.equal(await window.hit(key), null)
  t.equal(await window.exhausted(key), 1, 'two of two used: exhausted, at least 1 s to wait')
  t.equal(await window.hit(key), 1, 'a third hit is over the limit')
  now = 11_000
  t.equal(await window.exhausted(key), null, 'the next window is fresh')
  await window.add(key)
  await window.add(key)
  t.equal(await window.exhausted(key), 1)
  t.equal(await store.get('fw:11'), '2')
  t.throws(() => createFixedWindow(store, () => now, { limit: -1, windowMs: 1_000 }), TypeError)
  t.throws(() => createFixedWindow(store, () => now, { limit: 1, windowMs: 0 }), TypeError)
})

t.test('D35: the counters are keyed by hashes: no client_id or address in a key', async (t) => {
  const keys = createKeys('auth:')
  const byClient = keys.grantFailuresByClient('https://client.example.com/metadata.json', 5_866_666)
  t.match(byClient, /^auth:grant-fail:client:[A-Za-z0-9_-]{43}:5866666$/)
  const bySource = keys.grantFailuresBySource('2001:db8:1:2::/64', 7)
  t.match(bySource, /^auth:grant-fail:ip:[A-Za-z0-9_-]{43}:7$/)
  t.not(keys.grantFailuresByClient('a', 1), keys.grantFailuresBySource('a', 1), 'scopes never collide')
  t.throws(() => keys.grantFailuresByClient('a', -1), TypeError)
  t.throws(() => keys.grantFailuresBySource('a', 1.5), TypeError)
})
