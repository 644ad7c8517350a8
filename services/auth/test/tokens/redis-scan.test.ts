// The Redis scan behind the secret and schema checks (test/replicas/secret-scan.test.ts): every key
// under the prefix is listed with its type and everything it holds, whatever the type, streams
// included, so a secret written into any kind of key would be seen.
import t from 'tap'
import { cleanupPrefix, createTestRedisClient, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import { dumpRedis, scanRedis } from '../support/replica-flows.js'

t.test(
  'scanRedis: strings, sets, hashes, lists, sorted sets and streams, only under the prefix',
  async (t) => {
    const { url } = await getTestRedis()
    const redis = createTestRedisClient(url)
    const prefix = uniquePrefix('redis-scan')
    const outside = uniquePrefix('redis-scan-outside')
    t.teardown(async () => {
      await cleanupPrefix(redis, prefix)
      await cleanupPrefix(redis, outside)
      redis.disconnect()
    })
    await redis.set(`${prefix}s`, 'string-value')
    await redis.sadd(`${prefix}set`, 'set-member')
    await redis.hset(`${prefix}h`, 'field', 'hash-value')
    await redis.rpush(`${prefix}l`, 'list-item')
    await redis.zadd(`${prefix}z`, 1, 'zset-member')
    await redis.xadd(`${prefix}x`, '*', 'event', 'stream-value')
    await redis.set(`${outside}s`, 'not-ours')

    const scanned = await scanRedis({ redis, prefix })
    const byKey = new Map(scanned.map((s) => [s.key.slice(prefix.length), s]))
    t.same([...byKey.keys()].sort(), ['h', 'l', 's', 'set', 'x', 'z'], 'only the keys under the prefix')
    t.same(byKey.get('s'), { key: `${prefix}s`, type: 'string', contents: ['string-value'] })
    t.same(byKey.get('set')?.contents, ['set-member'])
    t.same(byKey.get('h')?.contents, ['field', 'hash-value'])
    t.same(byKey.get('l')?.contents, ['list-item'])
    t.same(byKey.get('z')?.contents, ['zset-member', '1'])
    t.equal(byKey.get('x')?.type, 'stream')
    t.match(byKey.get('x')?.contents, [/^\d+-\d+$/, 'event', 'stream-value'], 'stream entries: id and fields')

    const dump = (await dumpRedis({ redis, prefix })).join('\n')
    for (const value of [
      'string-value',
      'set-member',
      'hash-value',
      'list-item',
      'zset-member',
      'stream-value',
    ])
      t.ok(dump.includes(value), `the dump holds ${value}`)
    t.notOk(dump.includes('not-ours'), 'nothing from another prefix')
  },
)
