import t from 'tap'
import { cleanupPrefix } from '../src/cleanup-prefix.js'
import { getTestRedis } from '../src/get-test-redis.js'
import { createTestRedisClient } from '../src/test-redis-client.js'
import { uniquePrefix } from '../src/unique-prefix.js'

t.test('cleanupPrefix: deletes every key under the prefix and nothing else', async (t) => {
  const { url } = await getTestRedis()
  const redis = createTestRedisClient(url)
  const mine = uniquePrefix('cleanup-mine')
  const other = uniquePrefix('cleanup-other')
  t.teardown(async () => {
    await cleanupPrefix(redis, other)
    redis.disconnect()
  })
  // More keys than one SCAN page, so the cursor loop is exercised.
  const pipeline = redis.pipeline()
  for (let i = 0; i < 1200; i++) pipeline.set(`${mine}k${i}`, 'v')
  pipeline.sadd(`${mine}set`, 'a', 'b')
  pipeline.set(`${other}k`, 'v')
  pipeline.set(`${mine.slice(0, -1)}`, 'the prefix without its colon is another key')
  await pipeline.exec()

  t.equal(await cleanupPrefix(redis, mine), 1201)
  t.equal((await redis.keys(`${mine}*`)).length, 0)
  t.equal(await redis.get(`${other}k`), 'v')
  t.equal(await redis.get(mine.slice(0, -1)), 'the prefix without its colon is another key')
  await redis.del(mine.slice(0, -1))
})

t.test('cleanupPrefix: glob characters in the prefix match literally', async (t) => {
  const { url } = await getTestRedis()
  const redis = createTestRedisClient(url)
  const base = uniquePrefix('cleanup-glob')
  t.teardown(async () => {
    await cleanupPrefix(redis, base)
    redis.disconnect()
  })
  await redis.set(`${base}a*:1`, 'v')
  await redis.set(`${base}ab:1`, 'v')
  await redis.set(`${base}[a]:1`, 'v')
  await redis.set(`${base}a:1`, 'v')
  t.equal(await cleanupPrefix(redis, `${base}a*:`), 1)
  t.equal(await cleanupPrefix(redis, `${base}[a]:`), 1)
  t.same((await redis.keys(`${base}*`)).sort(), [`${base}a:1`, `${base}ab:1`])
})

t.test('cleanupPrefix: refuses an empty prefix', async (t) => {
  const { url } = await getTestRedis()
  const redis = createTestRedisClient(url)
  t.teardown(() => redis.disconnect())
  await t.rejects(cleanupPrefix(redis, ''), RangeError)
})
