/*
 * The behaviour every Store adapter must have. Run by test/redis-store.test.ts (real Redis, fresh
 * prefix per test) and test/memory-store.test.ts (injected clock). Test names state the rule.
 */
import type { Test } from 'tap'
import { LockTimeoutError, StoreCommandError, StoreUnavailableError } from '../src/index.js'
import type { Store, StoreErrorReporter } from '../src/index.js'

export interface StoreHarness {
  /** A handle on this test's data; each call may be a separate connection to the same data. */
  open(options?: { onError?: StoreErrorReporter }): Store
  /** Lets `ms` pass for TTLs: the memory adapter moves its clock, Redis waits for real. */
  elapse(ms: number): Promise<void>
  /**
   * Two independent contenders (separate processes for Redis) call acquireLock(key, ttlMs) at
   * one synchronised moment and keep whatever they got.
   */
  raceForLock(key: string, ttlMs: number): Promise<Array<{ acquired: boolean; token: string | null }>>
}

/** Builds a harness for one test and registers its cleanup on t.teardown. */
export type MakeStore = (t: Test) => Promise<StoreHarness>

const LONG = 60_000
/** Short TTL, and a wait long enough for it to pass on a loaded machine. */
const SHORT = 100
const PAST_SHORT = 300

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Resolves with the next `count` messages of a channel, or rejects after a generous timeout. */
async function collect(
  store: Store,
  channel: string,
  count: number,
): Promise<{ messages: Promise<string[]>; received: string[]; stop: () => Promise<void> }> {
  const received: string[] = []
  let done: (messages: string[]) => void = () => {}
  const messages = new Promise<string[]>((resolve, reject) => {
    done = resolve
    setTimeout(
      () => reject(new Error(`only ${received.length} of ${count} messages arrived`)),
      10_000,
    ).unref()
  })
  const stop = await store.subscribe(channel, (message) => {
    received.push(message)
    if (received.length === count) done([...received])
  })
  return { messages, received, stop }
}

export function storeContract(t: Test, makeStore: MakeStore): void {
  t.test('strings: set then get returns the value; a missing key is null', async (t) => {
    const store = (await makeStore(t)).open()
    t.equal(await store.get('missing'), null)
    t.equal(await store.set('k', '{"a":1}'), true)
    t.equal(await store.get('k'), '{"a":1}')
    t.equal(await store.set('k', ''), true)
    t.equal(await store.get('k'), '', 'the empty string is a value, not absence')
  })

  t.test('set: overwrites the value and clears an old TTL', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('k', 'a', { ttlMs: LONG })
    await store.set('k', 'b')
    t.equal(await store.get('k'), 'b')
    t.equal(await store.ttl('k'), null)
  })

  t.test('set ifAbsent: writes only when absent and answers false otherwise', async (t) => {
    const store = (await makeStore(t)).open()
    t.equal(await store.set('k', 'first', { ifAbsent: true }), true)
    t.equal(await store.set('k', 'second', { ifAbsent: true, ttlMs: LONG }), false)
    t.equal(await store.get('k'), 'first')
    t.equal(await store.ttl('k'), null, 'a refused write changes nothing')
  })

  t.test('set ttlMs: the key expires after its TTL', async (t) => {
    const h = await makeStore(t)
    const store = h.open()
    await store.set('short', 'v', { ttlMs: SHORT })
    await store.set('long', 'v', { ttlMs: LONG })
    await h.elapse(PAST_SHORT)
    t.equal(await store.get('short'), null)
    t.equal(await store.get('long'), 'v')
    t.equal(await store.set('short', 'again', { ifAbsent: true }), true, 'an expired key counts as absent')
  })

  t.test('ttl: remaining ms of an expiring key; null for a persistent or missing key', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('expiring', 'v', { ttlMs: LONG })
    await store.set('persistent', 'v')
    const ttl = await store.ttl('expiring')
    t.ok(ttl !== null && ttl > LONG - 10_000 && ttl <= LONG, `ttl ${ttl} is within the TTL`)
    t.equal(await store.ttl('persistent'), null)
    t.equal(await store.ttl('missing'), null)
  })

  t.test('expire: sets the TTL of an existing key; false for a missing key', async (t) => {
    const h = await makeStore(t)
    const store = h.open()
    await store.set('k', 'v')
    t.equal(await store.expire('k', SHORT), true)
    t.equal(await store.expire('missing', SHORT), false)
    await h.elapse(PAST_SHORT)
    t.equal(await store.get('k'), null)
  })

  t.test('del: removes keys of any type and counts those that existed', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('a', '1')
    await store.setAdd('s', ['x'])
    t.equal(await store.del('a', 's', 'missing'), 2)
    t.equal(await store.get('a'), null)
    t.same(await store.setMembers('s'), [])
    t.equal(await store.del(), 0, 'no keys, nothing to do')
  })

  t.test('take: returns the value once and deletes it', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('code', 'grant-1', { ttlMs: LONG })
    t.equal(await store.take('code'), 'grant-1')
    t.equal(await store.take('code'), null)
    t.equal(await store.get('code'), null)
  })

  t.test('take-once raced 50 ways: exactly one winner', async (t) => {
    const h = await makeStore(t)
    const stores = Array.from({ length: 5 }, () => h.open())
    await stores[0]!.set('code', 'the-value', { ttlMs: LONG })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stores[i % stores.length]!.take('code')),
    )
    t.same(
      results.filter((r) => r !== null),
      ['the-value'],
    )
  })

  t.test('compareAndSet: expected null means the key must be absent', async (t) => {
    const store = (await makeStore(t)).open()
    t.equal(await store.compareAndSet('k', null, 'v1'), true)
    t.equal(await store.get('k'), 'v1')
    t.equal(await store.compareAndSet('k', null, 'v2'), false)
    t.equal(await store.get('k'), 'v1')
  })

  t.test('compareAndSet: replaces only the expected value', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('k', 'v1')
    t.equal(await store.compareAndSet('k', 'other', 'v2'), false)
    t.equal(await store.get('k'), 'v1')
    t.equal(await store.compareAndSet('k', 'v1', 'v2'), true)
    t.equal(await store.get('k'), 'v2')
    t.equal(await store.compareAndSet('missing', 'v1', 'v2'), false, 'an absent key matches no value')
    t.equal(await store.compareAndSet('missing', '', 'v2'), false, 'not even the empty string')
    t.equal(await store.get('missing'), null)
  })

  t.test('compareAndSet: next null deletes the key', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('k', 'v1')
    t.equal(await store.compareAndSet('k', 'v1', null), true)
    t.equal(await store.get('k'), null)
    t.equal(await store.compareAndSet('k', 'v1', null), false)
  })

  t.test('compareAndSet: ttlMs sets a new TTL; without it the current TTL is kept', async (t) => {
    const h = await makeStore(t)
    const store = h.open()
    await store.set('k', 'v1', { ttlMs: LONG })
    t.equal(await store.compareAndSet('k', 'v1', 'v2'), true)
    const kept = await store.ttl('k')
    t.ok(kept !== null && kept > LONG - 10_000, `TTL kept (${kept})`)
    t.equal(await store.compareAndSet('k', 'v2', 'v3', { ttlMs: SHORT }), true)
    await h.elapse(PAST_SHORT)
    t.equal(await store.get('k'), null)
  })

  t.test('compareAndSet raced 20 ways from one value: exactly one rotation wins', async (t) => {
    const h = await makeStore(t)
    const stores = Array.from({ length: 4 }, () => h.open())
    await stores[0]!.set('refresh', 'generation-0')
    const wins = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        stores[i % stores.length]!.compareAndSet('refresh', 'generation-0', `generation-1-by-${i}`),
      ),
    )
    const winners = wins.flatMap((won, i) => (won ? [i] : []))
    t.equal(winners.length, 1)
    t.equal(await stores[0]!.get('refresh'), `generation-1-by-${winners[0]}`)
  })

  t.test('incr: counts from 0 by 1 by default; steps may be negative', async (t) => {
    const store = (await makeStore(t)).open()
    t.equal(await store.incr('n'), 1)
    t.equal(await store.incr('n'), 2)
    t.equal(await store.incr('n', { by: 10 }), 12)
    t.equal(await store.incr('n', { by: -13 }), -1)
    t.equal(await store.get('n'), '-1')
  })

  t.test('incr: the TTL is set when the counter is created and never extended', async (t) => {
    const store = (await makeStore(t)).open()
    await store.incr('window', { ttlMs: LONG })
    await store.incr('window', { ttlMs: LONG * 10 })
    const ttl = await store.ttl('window')
    t.ok(ttl !== null && ttl <= LONG, `TTL stays within the first window (${ttl})`)
    await store.incr('forever')
    t.equal(await store.ttl('forever'), null, 'without ttlMs a counter does not expire')
  })

  t.test('incr: a counter starts again from 0 after its TTL', async (t) => {
    const h = await makeStore(t)
    const store = h.open()
    t.equal(await store.incr('window', { ttlMs: SHORT }), 1)
    t.equal(await store.incr('window', { ttlMs: SHORT }), 2)
    await h.elapse(PAST_SHORT)
    t.equal(await store.incr('window', { ttlMs: SHORT }), 1)
  })

  t.test('incr raced 100 ways loses no increment', async (t) => {
    const h = await makeStore(t)
    const stores = Array.from({ length: 4 }, () => h.open())
    const values = await Promise.all(
      Array.from({ length: 100 }, (_, i) => stores[i % stores.length]!.incr('hits', { ttlMs: LONG })),
    )
    t.same(
      [...values].sort((a, b) => a - b),
      Array.from({ length: 100 }, (_, i) => i + 1),
    )
  })

  t.test('incr: a value that is not an integer is refused with StoreCommandError', async (t) => {
    const store = (await makeStore(t)).open()
    for (const value of ['abc', '1.5', '007', ' 1', '-0', '', '1e3']) {
      await store.set('text', value)
      await t.rejects(store.incr('text'), StoreCommandError, JSON.stringify(value))
      t.equal(await store.get('text'), value, 'the value is left alone')
    }
    await store.set('text', '-12')
    t.equal(await store.incr('text', { by: 2 }), -10, 'a negative integer string counts')
  })

  t.test('sets: members are unique and the counts are of changes', async (t) => {
    const store = (await makeStore(t)).open()
    t.equal(await store.setAdd('grant:tokens', ['a', 'b', 'a']), 2)
    t.equal(await store.setAdd('grant:tokens', ['b', 'c']), 1)
    t.same((await store.setMembers('grant:tokens')).sort(), ['a', 'b', 'c'])
    t.equal(await store.setRemove('grant:tokens', ['a', 'zz']), 1)
    t.same((await store.setMembers('grant:tokens')).sort(), ['b', 'c'])
    t.same(await store.setMembers('missing'), [])
    t.equal(await store.setRemove('missing', ['a']), 0)
    t.equal(await store.setAdd('grant:tokens', []), 0)
    t.equal(await store.setRemove('grant:tokens', []), 0)
  })

  t.test('setRemove of the last member deletes the set', async (t) => {
    const store = (await makeStore(t)).open()
    await store.setAdd('s', ['only'], { ttlMs: LONG })
    await store.setRemove('s', ['only'])
    t.equal(await store.ttl('s'), null)
    t.equal(await store.set('s', 'now a string', { ifAbsent: true }), true, 'the key is free')
  })

  t.test('setAdd ttlMs: the set lives at least ttlMs; a TTL is never shortened', async (t) => {
    const h = await makeStore(t)
    const store = h.open()
    await store.setAdd('index', ['a'], { ttlMs: LONG })
    await store.setAdd('index', ['b'], { ttlMs: SHORT })
    const ttl = await store.ttl('index')
    t.ok(ttl !== null && ttl > LONG - 10_000, `a shorter ttlMs does not shorten it (${ttl})`)
    await store.setAdd('index', ['c'], { ttlMs: LONG * 2 })
    const raised = await store.ttl('index')
    t.ok(raised !== null && raised > LONG, `a longer ttlMs raises it (${raised})`)

    await store.setAdd('persistent', ['a'])
    await store.setAdd('persistent', ['b'], { ttlMs: SHORT })
    t.equal(await store.ttl('persistent'), null, 'a set without expiry keeps none')

    await store.setAdd('short', ['a'], { ttlMs: SHORT })
    await h.elapse(PAST_SHORT)
    t.same(await store.setMembers('short'), [], 'the set expired')
  })

  t.test('wrong type: string and set operations on the other kind fail with StoreCommandError', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('str', 'v')
    await store.setAdd('set', ['m'])
    await t.rejects(store.setAdd('str', ['m']), StoreCommandError)
    await t.rejects(store.setMembers('str'), StoreCommandError)
    await t.rejects(store.setRemove('str', ['m']), StoreCommandError)
    await t.rejects(store.get('set'), StoreCommandError)
    await t.rejects(store.take('set'), StoreCommandError)
    await t.rejects(store.incr('set'), StoreCommandError)
    await t.rejects(store.compareAndSet('set', 'm', 'x'), StoreCommandError)
    await t.rejects(store.get('set'), { code: 'store_command_error' })
    t.same(await store.setMembers('set'), ['m'], 'nothing was changed')
  })

  t.test('arguments: empty keys are TypeError, bad TTLs and steps RangeError', async (t) => {
    const store = (await makeStore(t)).open()
    await t.rejects(store.get(''), TypeError)
    await t.rejects(store.del('ok', ''), TypeError)
    for (const ttlMs of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await t.rejects(store.set('k', 'v', { ttlMs }), RangeError, `ttlMs ${ttlMs}`)
    }
    await t.rejects(store.expire('k', 0), RangeError)
    await t.rejects(store.incr('k', { by: 0.5 }), RangeError)
    await t.rejects(store.acquireLock('k', 0), RangeError)
    await t.rejects(
      store.withLock('k', { ttlMs: 1000, waitMs: -1 }, () => 1),
      RangeError,
    )
    await t.rejects(store.publish('', 'm'), TypeError)
    t.equal(await store.get('k'), null, 'no invalid call wrote anything')
  })

  t.test('locks: a held lock is not granted again until released', async (t) => {
    const h = await makeStore(t)
    const [a, b] = [h.open(), h.open()]
    const lock = await a.acquireLock('lock:grant', LONG)
    if (lock === null) throw new Error('a free lock must be granted')
    t.equal(lock.key, 'lock:grant')
    t.ok(lock.token.length >= 16, 'the token is random and long')
    t.equal(await b.acquireLock('lock:grant', LONG), null)
    t.equal(await lock.release(), true)
    t.equal(await lock.release(), false, 'a second release finds nothing to free')
    const next = await b.acquireLock('lock:grant', LONG)
    t.ok(next !== null, 'free again after release')
    t.not(next?.token, lock.token)
  })

  t.test(
    'locks: a lock expires after its TTL; the old holder cannot release or extend the new one',
    async (t) => {
      const h = await makeStore(t)
      const [a, b] = [h.open(), h.open()]
      const old = await a.acquireLock('lock', SHORT)
      if (old === null) throw new Error('a free lock must be granted')
      await h.elapse(PAST_SHORT)
      const current = await b.acquireLock('lock', LONG)
      if (current === null) throw new Error('an expired lock must be free')
      t.equal(await old.release(), false)
      t.equal(await old.extend(LONG), false)
      t.equal(await a.get('lock'), current.token, 'the new holder still holds it')
      t.equal(await a.acquireLock('lock', LONG), null)
      const ttl = await a.ttl('lock')
      t.ok(ttl !== null && ttl > LONG - 10_000, 'the failed extend did not touch the TTL')
    },
  )

  t.test('locks: extend pushes the expiry forward while held', async (t) => {
    const h = await makeStore(t)
    const store = h.open()
    const lock = await store.acquireLock('lock', SHORT)
    if (lock === null) throw new Error('a free lock must be granted')
    t.equal(await lock.extend(LONG), true)
    await h.elapse(PAST_SHORT)
    t.equal(await store.acquireLock('lock', LONG), null, 'still held after the first TTL')
    await t.rejects(lock.extend(0), RangeError)
  })

  t.test('a lock contended by two processes: exactly one holder', async (t) => {
    const h = await makeStore(t)
    const results = await h.raceForLock('lock:contended', LONG)
    t.equal(results.length, 2)
    const winners = results.filter((r) => r.acquired)
    t.equal(winners.length, 1, `exactly one of ${JSON.stringify(results)} acquired`)
    t.equal(await h.open().get('lock:contended'), winners[0]?.token, 'the lock holds the winner token')
  })

  t.test('withLock single-flight: concurrent callers run one at a time, all of them', async (t) => {
    const h = await makeStore(t)
    const stores = Array.from({ length: 3 }, () => h.open())
    let active = 0
    let maxActive = 0
    const ran: number[] = []
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        stores[i % stores.length]!.withLock(
          'lock:refresh',
          { ttlMs: LONG, waitMs: 60_000, retryMs: 10 },
          async () => {
            active++
            maxActive = Math.max(maxActive, active)
            await sleep(15)
            active--
            ran.push(i)
          },
        ),
      ),
    )
    t.equal(maxActive, 1, 'never two at once')
    t.same(
      [...ran].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7],
    )
    t.equal(await stores[0]!.get('lock:refresh'), null, 'released at the end')
  })

  t.test('withLock: returns what fn returns and hands it the held lock', async (t) => {
    const store = (await makeStore(t)).open()
    const result = await store.withLock('lock', { ttlMs: LONG, waitMs: 0 }, async (lock) => {
      t.equal(await store.get('lock'), lock.token)
      return 'done'
    })
    t.equal(result, 'done')
  })

  t.test('withLock: LockTimeoutError when the lock stays held past waitMs; fn never runs', async (t) => {
    const store = (await makeStore(t)).open()
    const held = await store.acquireLock('lock', LONG)
    t.ok(held)
    let ran = false
    const started = Date.now()
    await t.rejects(
      store.withLock('lock', { ttlMs: LONG, waitMs: 200, retryMs: 20 }, () => {
        ran = true
      }),
      { name: 'LockTimeoutError', code: 'lock_timeout', key: 'lock', waitMs: 200 },
    )
    t.ok(Date.now() - started >= 190, 'it waited for waitMs')
    t.equal(ran, false)
    const error = await store.withLock('lock', { ttlMs: LONG, waitMs: 0 }, () => 1).catch((e: unknown) => e)
    t.ok(error instanceof LockTimeoutError)
  })

  t.test('withLock: a lock freed while waiting is taken', async (t) => {
    const h = await makeStore(t)
    const [a, b] = [h.open(), h.open()]
    const held = await a.acquireLock('lock', LONG)
    setTimeout(() => void held?.release(), 100)
    t.equal(await b.withLock('lock', { ttlMs: LONG, waitMs: 30_000, retryMs: 20 }, () => 'got it'), 'got it')
  })

  t.test('withLock: the lock is released when fn throws, and the error passes through', async (t) => {
    const store = (await makeStore(t)).open()
    const boom = new Error('boom')
    await t.rejects(
      store.withLock('lock', { ttlMs: LONG, waitMs: 0 }, () => {
        throw boom
      }),
      boom,
    )
    t.ok(await store.acquireLock('lock', LONG), 'free again')
  })

  t.test('withLock: a release that fails after fn is reported; the result of fn stands', async (t) => {
    const h = await makeStore(t)
    const reported: string[] = []
    const store = h.open({ onError: (error, source) => reported.push(`${source}:${error.name}`) })
    const result = await store.withLock('lock', { ttlMs: SHORT, waitMs: 0 }, async () => {
      await store.close()
      return 'kept'
    })
    t.equal(result, 'kept')
    t.same(reported, ['lock-release:StoreUnavailableError'])
  })

  t.test('pub/sub: a message reaches a subscriber on another handle', async (t) => {
    const h = await makeStore(t)
    const [a, b] = [h.open(), h.open()]
    const sub = await collect(a, 'events', 2)
    t.ok((await b.publish('events', 'one')) > 0, 'publish counts a receiver')
    await b.publish('events', 'two')
    t.same(await sub.messages, ['one', 'two'], 'in publish order')
    await sub.stop()
  })

  t.test('pub/sub: publish with no subscriber answers 0', async (t) => {
    const store = (await makeStore(t)).open()
    t.equal(await store.publish('nobody', 'm'), 0)
  })

  t.test('pub/sub: two handlers on one channel both receive; removing one keeps the other', async (t) => {
    const h = await makeStore(t)
    const [a, b] = [h.open(), h.open()]
    const first = await collect(a, 'ch', 1)
    const second = await collect(a, 'ch', 2)
    await b.publish('ch', 'm1')
    t.same(await first.messages, ['m1'])
    await first.stop()
    await b.publish('ch', 'm2')
    t.same(await second.messages, ['m1', 'm2'])
    t.same(first.received, ['m1'], 'the removed handler got nothing more')
    await second.stop()
  })

  t.test('pub/sub: after unsubscribe resolves the handler is never called again', async (t) => {
    const h = await makeStore(t)
    const [a, b] = [h.open(), h.open()]
    const gone = await collect(a, 'ch', 1)
    // The sentinel is published after the probe on the same connection, so it arrives after it.
    const sentinel = await collect(a, 'sentinel', 1)
    await gone.stop()
    t.equal(await b.publish('ch', 'probe'), 0, 'nobody listens any more')
    await b.publish('sentinel', 'after')
    t.same(await sentinel.messages, ['after'])
    t.same(gone.received, [])
    await gone.stop()
    t.pass('a second unsubscribe is harmless')
  })

  t.test('pub/sub: unsubscribing and at once resubscribing a channel still delivers', async (t) => {
    const h = await makeStore(t)
    const [a, b] = [h.open(), h.open()]
    const old = await collect(a, 'ch', 1)
    const [, fresh] = await Promise.all([old.stop(), collect(a, 'ch', 1)])
    await b.publish('ch', 'hello')
    t.same(await fresh.messages, ['hello'])
    await fresh.stop()
  })

  t.test('pub/sub: a throwing handler is reported and does not stop delivery', async (t) => {
    const h = await makeStore(t)
    const reported: Array<{ message: string; source: string }> = []
    const a = h.open({ onError: (error, source) => reported.push({ message: error.message, source }) })
    await a.subscribe('ch', () => {
      throw new Error('handler bug')
    })
    await a.subscribe('ch', () => Promise.reject(new Error('async handler bug')))
    const ok = await collect(a, 'ch', 2)
    await h.open().publish('ch', 'm1')
    await h.open().publish('ch', 'm2')
    t.same(await ok.messages, ['m1', 'm2'])
    await sleep(50)
    t.same(reported.map((r) => `${r.source}:${r.message}`).sort(), [
      'handler:async handler bug',
      'handler:async handler bug',
      'handler:handler bug',
      'handler:handler bug',
    ])
  })

  t.test('ping resolves while the store is up', async (t) => {
    const store = (await makeStore(t)).open()
    await t.resolves(store.ping())
  })

  t.test('close: every later call fails with StoreUnavailableError; close is idempotent', async (t) => {
    const store = (await makeStore(t)).open()
    await store.set('k', 'v')
    const lock = await store.acquireLock('lock', LONG)
    await store.close()
    await store.close()
    await t.rejects(store.get('k'), StoreUnavailableError)
    await t.rejects(store.ping(), { code: 'store_unavailable' })
    await t.rejects(
      store.subscribe('ch', () => {}),
      StoreUnavailableError,
    )
    await t.rejects(store.publish('ch', 'm'), StoreUnavailableError)
    await t.rejects(lock!.release(), StoreUnavailableError)
  })
}
