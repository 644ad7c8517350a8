import t from 'tap'
import type { Redis } from 'ioredis'
import { getTestRedis } from '../src/get-test-redis.js'
import { createTestRedisClient } from '../src/test-redis-client.js'
import { withTestRedis } from '../src/with-test-redis.js'

t.test('withTestRedis: a fresh prefix per test, deleted and disconnected at teardown', async (t) => {
  const seen: Array<{ prefix: string; redis: Redis }> = []
  await t.test('first user', async (t) => {
    const ctx = await withTestRedis(t)
    t.match(ctx.prefix, /^test:first-user:[0-9a-f]{12}:$/)
    await ctx.redis.set(`${ctx.prefix}a`, '1')
    await ctx.redis.sadd(`${ctx.prefix}s`, 'x')
    seen.push(ctx)
  })
  await t.test('second user', async (t) => {
    const ctx = await withTestRedis(t)
    await ctx.redis.set(`${ctx.prefix}a`, '2')
    seen.push(ctx)
  })
  const [first, second] = seen
  if (first === undefined || second === undefined) throw new Error('both subtests must have run')
  t.not(first.prefix, second.prefix)
  const { url } = await getTestRedis()
  const probe = createTestRedisClient(url)
  t.teardown(() => probe.disconnect())
  t.same(await probe.keys(`${first.prefix}*`), [])
  t.same(await probe.keys(`${second.prefix}*`), [])
  t.equal(first.redis.status, 'end')
  t.equal(second.redis.status, 'end')
})
