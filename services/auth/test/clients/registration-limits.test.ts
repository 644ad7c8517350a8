import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { withTestRedis } from '@m365mcp/testing'
import t from 'tap'
import { createClientKeys } from '../../src/clients/client-keys.js'
import { createRegistrationLimits, sourceBucket } from '../../src/clients/registration-limits.js'

const HOUR = 60 * 60 * 1000

t.test('E38: registrations over the per-source limit get 429 slow_down until the window ends', async (t) => {
  let now = 10 * HOUR + 15 * 60 * 1000 // 15 minutes into a window
  const store = createMemoryStore({ now: () => now })
  t.teardown(() => store.close())
  const limits = createRegistrationLimits({
    store,
    keys: createClientKeys('rl:'),
    now: () => now,
    perSource: { limit: 3, windowMs: HOUR },
    global: { limit: 100, windowMs: HOUR },
  })
  for (let i = 0; i < 3; i += 1) t.same(await limits.check('203.0.113.7'), { allowed: true })
  const refused = await limits.check('203.0.113.7')
  t.match(refused, { allowed: false, scope: 'source', retryAfterSeconds: 45 * 60 })
  if (!refused.allowed) t.match(refused.error, { error: 'slow_down', status: 429 })
  t.same(await limits.check('198.51.100.1'), { allowed: true }, 'another source is unaffected')
  now += 45 * 60 * 1000
  t.same(await limits.check('203.0.113.7'), { allowed: true }, 'a new window starts afresh')
})

t.test('E38: the global limit caps a flood spread over many sources', async (t) => {
  const ctx = await withTestRedis(t)
  const store = createRedisStore({ redis: ctx.redis })
  t.teardown(() => store.close())
  const limits = createRegistrationLimits({
    store,
    keys: createClientKeys(ctx.prefix),
    now: Date.now,
    perSource: { limit: 5, windowMs: HOUR },
    global: { limit: 10, windowMs: HOUR },
  })
  const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => limits.check(`192.0.2.${i}`)))
  t.equal(decisions.filter((d) => d.allowed).length, 10, 'exactly the global limit passes under concurrency')
  t.ok(decisions.every((d) => d.allowed || d.scope === 'global'))
})

t.test('E38: a source refused by its own limit does not use up the global budget', async (t) => {
  const store = createMemoryStore()
  t.teardown(() => store.close())
  const limits = createRegistrationLimits({
    store,
    keys: createClientKeys('rl2:'),
    now: Date.now,
    perSource: { limit: 2, windowMs: HOUR },
    global: { limit: 3, windowMs: HOUR },
  })
  for (let i = 0; i < 50; i += 1) await limits.check('192.0.2.1')
  t.same(await limits.check('192.0.2.2'), { allowed: true })
})

t.test('sources: IPv6 addresses share a /64 bucket; IPv4-mapped counts as IPv4', async (t) => {
  t.equal(sourceBucket('2001:db8:1:2::1'), sourceBucket('2001:db8:1:2:ffff::9'))
  t.not(sourceBucket('2001:db8:1:2::1'), sourceBucket('2001:db8:1:3::1'))
  t.equal(sourceBucket('::ffff:192.0.2.1'), '192.0.2.1')
  t.equal(sourceBucket('garbage'), 'unknown')
})
