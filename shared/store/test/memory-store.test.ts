import t from 'tap'
import { createMemoryStore } from '../src/index.js'
import type { StoreErrorReporter } from '../src/index.js'
import { storeContract } from './contract.js'
import type { MakeStore } from './contract.js'

const makeStore: MakeStore = async (t) => {
  let now = 1_700_000_000_000
  const reporters = new Set<StoreErrorReporter>()
  // One store is the whole data space of a process: every handle is that store.
  const store = createMemoryStore({
    now: () => now,
    onError: (error, source) => reporters.forEach((report) => report(error, source)),
  })
  t.teardown(() => store.close())
  return {
    open: (options) => {
      if (options?.onError !== undefined) reporters.add(options.onError)
      return store
    },
    elapse: async (ms) => {
      now += ms
    },
    async raceForLock(key, ttlMs) {
      const locks = await Promise.all([store.acquireLock(key, ttlMs), store.acquireLock(key, ttlMs)])
      return locks.map((lock) => ({ acquired: lock !== null, token: lock?.token ?? null }))
    },
  }
}

t.test('contract', async (t) => storeContract(t, makeStore))

t.test('memory store: the sweep timer frees expired keys on its own', async (t) => {
  let now = 0
  const store = createMemoryStore({ now: () => now, sweepIntervalMs: 20 })
  t.teardown(() => store.close())
  await store.set('a', 'v', { ttlMs: 10 })
  await store.set('b', 'v', { ttlMs: 10 })
  now = 10
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.equal(store.sweep(), 0, 'the timer swept them already')
})

t.test('memory store: separate stores share nothing', async (t) => {
  const a = createMemoryStore()
  const b = createMemoryStore()
  t.teardown(() => Promise.all([a.close(), b.close()]))
  await a.set('k', 'v')
  t.equal(await b.get('k'), null)
})
