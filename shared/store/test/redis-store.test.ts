import t from 'tap'
import { withTestRedis } from '@m365mcp/testing'
import { createRedisStore } from '../src/index.js'
import type { Store } from '../src/index.js'
import { storeContract } from './contract.js'
import type { MakeStore, StoreHarness } from './contract.js'
import { spawnLockContender } from './fixtures/spawn-lock-contender.js'

const makeStore: MakeStore = async (t) => {
  const { url, prefix } = await withTestRedis(t)
  const stores: Store[] = []
  t.teardown(() => Promise.all(stores.map((store) => store.close())))
  const open: StoreHarness['open'] = (options) => {
    // Each handle is a store with its own connection: races really cross connections.
    const store = createRedisStore({ redis: url, prefix, onError: options?.onError })
    stores.push(store)
    return store
  }
  return {
    open,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async raceForLock(key, ttlMs) {
      const goChannel = 'contract:go'
      const contenders = [0, 1].map(() => spawnLockContender({ url, prefix, key, ttlMs, goChannel }))
      t.teardown(() => contenders.forEach((contender) => contender.kill()))
      await Promise.all(contenders.map((contender) => contender.ready))
      // Both processes are subscribed, so both get "go" at the same moment and race for the lock.
      const receivers = await open().publish(goChannel, 'go')
      if (receivers !== 2) throw new Error(`"go" reached ${receivers} contenders, not 2`)
      return Promise.all(contenders.map((contender) => contender.result))
    },
  }
}

t.test('contract', async (t) => storeContract(t, makeStore))

t.test('prefix: keys are stored under the prefix and stores with other prefixes see nothing', async (t) => {
  const { url, prefix, redis } = await withTestRedis(t)
  const mine = createRedisStore({ redis: url, prefix: `${prefix}a:` })
  const theirs = createRedisStore({ redis: url, prefix: `${prefix}b:` })
  t.teardown(() => Promise.all([mine.close(), theirs.close()]))
  await mine.set('k', 'v')
  await mine.setAdd('s', ['m'])
  t.equal(await redis.get(`${prefix}a:k`), 'v')
  t.same(await redis.smembers(`${prefix}a:s`), ['m'])
  t.equal(await theirs.get('k'), null)
  t.ok(await theirs.acquireLock('k', 60_000), 'the same key under another prefix is another key')
})

t.test('prefix: channels are prefixed too', async (t) => {
  const { url, prefix, redis } = await withTestRedis(t)
  const mine = createRedisStore({ redis: url, prefix: `${prefix}a:` })
  const theirs = createRedisStore({ redis: url, prefix: `${prefix}b:` })
  t.teardown(() => Promise.all([mine.close(), theirs.close()]))
  const received = new Promise<string>((resolve) => void mine.subscribe('ch', resolve))
  await new Promise((resolve) => setTimeout(resolve, 100))
  t.equal(await theirs.publish('ch', 'wrong'), 0)
  t.equal(await redis.publish(`${prefix}a:ch`, 'raw'), 1)
  t.equal(await received, 'raw')
})
