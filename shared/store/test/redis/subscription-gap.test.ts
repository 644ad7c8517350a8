// Redis pub/sub keeps nothing for a subscriber that is away: after the subscriber connection comes
// back, onGap tells each subscription that messages may have been missed (whoever caches on the
// strength of them, like the tools service's Graph token cache, drops the cache).
import t from 'tap'
import { startRedisProcess } from '@m365mcp/testing'
import { createRedisStore } from '../../src/index.js'

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return true
}

t.test('pub/sub: a Redis restart calls onGap once per subscription; messages flow again after', async (t) => {
  const first = await startRedisProcess()
  let redis = first
  t.teardown(() => redis.stop())
  const store = createRedisStore({ redis: first.url, prefix: 'gap:', onError: () => undefined })
  t.teardown(() => store.close())

  const received: string[] = []
  let gaps = 0
  let quietGaps = 0
  await store.subscribe('events', (message) => void received.push(message), { onGap: () => gaps++ })
  await store.subscribe('other', () => undefined)
  await store.subscribe('quiet', () => undefined, { onGap: () => quietGaps++ })
  await store.publish('events', 'before')
  t.ok(await eventually(() => received.includes('before')), 'delivered before the restart')
  t.equal(gaps, 0, 'no gap while connected')

  await first.kill()
  redis = await startRedisProcess({ port: first.port })
  t.ok(await eventually(() => gaps === 1), 'onGap called once the subscriber is back')
  t.equal(quietGaps, 1, 'for every subscription that asked')

  // The channels were subscribed again: a message published now arrives.
  t.ok(
    await eventually(() => {
      void store.publish('events', 'after').catch(() => undefined)
      return received.includes('after')
    }),
    'delivered after the restart',
  )
  t.equal(gaps, 1, 'one gap for one outage')
})

t.test('pub/sub: the first connection is no gap', async (t) => {
  const redis = await startRedisProcess()
  t.teardown(() => redis.stop())
  const store = createRedisStore({ redis: redis.url, prefix: 'gap2:', onError: () => undefined })
  t.teardown(() => store.close())
  let gaps = 0
  await store.subscribe('events', () => undefined, { onGap: () => gaps++ })
  await store.publish('events', 'x')
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.equal(gaps, 0)
})
