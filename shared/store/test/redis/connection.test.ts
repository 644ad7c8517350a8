import { Redis } from 'ioredis'
import t from 'tap'
import { freePort, getTestRedis, startRedisServer, uniquePrefix, withTestRedis } from '@m365mcp/testing'
import { createRedisStore, StoreUnavailableError } from '../../src/index.js'
import type { StoreErrorSource } from '../../src/index.js'

async function connectionsNamed(redis: Redis, name: string): Promise<number> {
  const list = (await redis.client('LIST')) as string
  return list.split('\n').filter((line) => line.includes(` name=${name} `)).length
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

t.test('a Redis nobody answers on: calls fail promptly with StoreUnavailableError', async (t) => {
  const store = createRedisStore({ redis: `redis://127.0.0.1:${await freePort()}`, onError: () => {} })
  t.teardown(() => store.close())
  const started = Date.now()
  await t.rejects(store.ping(), { name: 'StoreUnavailableError', code: 'store_unavailable' })
  await t.rejects(store.set('k', 'v'), StoreUnavailableError)
  await t.rejects(
    store.subscribe('ch', () => {}),
    StoreUnavailableError,
  )
  t.ok(Date.now() - started < 15_000, 'no long hang in the offline queue')
})

t.test(
  'a Redis that goes away: calls fail with StoreUnavailableError, connection errors are reported',
  async (t) => {
    const server = await startRedisServer()
    const sources: StoreErrorSource[] = []
    const store = createRedisStore({ redis: server.url, onError: (_error, source) => sources.push(source) })
    t.teardown(() => store.close())
    await store.set('k', 'v')
    await server.stop()
    await t.rejects(store.get('k'), StoreUnavailableError)
    t.ok(await eventually(async () => sources.includes('connection')), 'the lost connection was reported')
  },
)

t.test('a redis option that is not a redis:// or rediss:// URL is a TypeError', async (t) => {
  t.throws(() => createRedisStore({ redis: 'http://127.0.0.1:6379' }), TypeError)
  t.throws(() => createRedisStore({ redis: 'not a url' }), TypeError)
})

t.test('close: quits the connections the store opened, never a client it was given', async (t) => {
  const { url } = await getTestRedis()
  const name = uniquePrefix('given').replace(/:/g, '-').slice(0, -1)
  const given = new Redis(url, { connectionName: name })
  t.teardown(() => given.disconnect())
  const store = createRedisStore({ redis: given, prefix: uniquePrefix('close') })
  t.equal(await connectionsNamed(given, name), 1, 'no subscriber connection before the first subscribe')
  await store.subscribe('ch', () => {})
  t.equal(await connectionsNamed(given, name), 2, 'the first subscribe opened a duplicate')
  await store.subscribe('other', () => {})
  t.equal(await connectionsNamed(given, name), 2, 'and only one')
  await store.close()
  t.ok(await eventually(async () => (await connectionsNamed(given, name)) === 1), 'the duplicate was quit')
  t.equal(await given.ping(), 'PONG', 'the given client still works')
  await t.rejects(store.get('k'), StoreUnavailableError)
})

t.test('a given subscriber connection is used and left open, unsubscribed, on close', async (t) => {
  const { url, prefix, redis } = await withTestRedis(t)
  const name = uniquePrefix('sub').replace(/:/g, '-').slice(0, -1)
  const subscriber = new Redis(url, { connectionName: name })
  t.teardown(() => subscriber.disconnect())
  const store = createRedisStore({ redis: url, prefix, subscriber })
  const received = new Promise<string>((resolve) => void store.subscribe('ch', resolve))
  await new Promise((resolve) => setTimeout(resolve, 100))
  t.equal(await connectionsNamed(redis, name), 1, 'no duplicate of the subscriber')
  t.same(await redis.pubsub('NUMSUB', `${prefix}ch`), [`${prefix}ch`, 1])
  await store.publish('ch', 'hi')
  t.equal(await received, 'hi')
  await store.close()
  t.same(await redis.pubsub('NUMSUB', `${prefix}ch`), [`${prefix}ch`, 0])
  t.not(subscriber.status, 'end')
})
