// The rate limiter on its own (src/rate-limit/rate-limiter.ts): fixed one-minute windows per user
// and per client counted with the store's atomic INCR, Retry-After = the time left in the window,
// 0 disables a limit, and a store that is down or silent lets requests through (fail open) with
// one warning instead of one per request.
import { createServer, type Socket } from 'node:net'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { freePort } from '@m365mcp/testing'
import t from 'tap'
import { createGatewayKeys } from '../../src/keys.js'
import { createRateLimiter, WINDOW_MS, type RateLimiterOptions } from '../../src/rate-limit/rate-limiter.js'
import type { TeardownHost } from '../support/teardown.js'

function setUp(t: TeardownHost, overrides: Partial<RateLimiterOptions> = {}) {
  // Mid-window: 45 s into a minute, so 15 s remain.
  let clock = 1_000 * WINDOW_MS + 45_000
  const now = () => clock
  const store = createMemoryStore({ now })
  t.teardown(() => store.close())
  const warnings: unknown[] = []
  const limiter = createRateLimiter({
    store,
    keys: createGatewayKeys('test:gateway:'),
    now,
    userLimit: 3,
    clientLimit: 100,
    timeoutMs: 1_000,
    logger: { warn: (...args: unknown[]) => void warnings.push(args) },
    ...overrides,
  })
  return { limiter, store, warnings, advance: (ms: number) => (clock += ms) }
}

const alice = { sub: 'usr_alice', clientId: 'client-1' }
const bob = { sub: 'usr_bob', clientId: 'client-1' }

t.test('rate limit: over its per-minute limit a user is refused until the window resets', async (t) => {
  const { limiter, advance } = setUp(t)
  for (let i = 0; i < 3; i++) t.same(await limiter.check(alice), { allowed: true }, `request ${i + 1}`)
  t.same(await limiter.check(alice), { allowed: false, scope: 'user', limit: 3, retryAfterSeconds: 15 })
  t.same(await limiter.check(bob), { allowed: true }, 'another user of the same client is unaffected')
  advance(14_500)
  t.match(await limiter.check(alice), { allowed: false, retryAfterSeconds: 1 }, 'Retry-After is at least 1')
  advance(600)
  t.same(await limiter.check(alice), { allowed: true }, 'the next window starts afresh')
})

t.test('rate limit: a client is limited across all its users', async (t) => {
  const { limiter } = setUp(t, { userLimit: 100, clientLimit: 4 })
  for (let i = 0; i < 2; i++) {
    t.same(await limiter.check(alice), { allowed: true })
    t.same(await limiter.check(bob), { allowed: true })
  }
  t.match(await limiter.check(bob), { allowed: false, scope: 'client', limit: 4, retryAfterSeconds: 15 })
  t.same(await limiter.check({ sub: 'usr_alice', clientId: 'client-2' }), { allowed: true }, 'other client')
})

t.test('rate limit: a request refused for its user is not counted against its client', async (t) => {
  const { limiter } = setUp(t, { userLimit: 2, clientLimit: 3 })
  for (let i = 0; i < 10; i++) await limiter.check(alice)
  t.same(await limiter.check(bob), { allowed: true }, "alice's refused requests left the client budget")
  t.match(await limiter.check(bob), { allowed: false, scope: 'client' })
})

t.test('rate limit: 0 disables both limits (the store is not even asked)', async (t) => {
  const { limiter, store, warnings } = setUp(t, { userLimit: 0, clientLimit: 0 })
  await store.close()
  for (let i = 0; i < 50; i++) t.same(await limiter.check(alice), { allowed: true })
  t.equal(warnings.length, 0, 'a closed store was never touched')
})

t.test('rate limit: a store that is down lets requests through (fail open), warned once', async (t) => {
  const { limiter, store, warnings } = setUp(t, { userLimit: 1 })
  await store.close()
  for (let i = 0; i < 5; i++) t.same(await limiter.check(alice), { allowed: true }, `request ${i + 1}`)
  t.equal(warnings.length, 1, 'one warning, not one per request')
})

t.test('rate limit: a Redis that never answers lets requests through after the timeout', async (t) => {
  // A real listener that accepts connections and never replies (a hung or black-holed Redis).
  const port = await freePort()
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => sockets.add(socket))
  await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve))
  const store = createRedisStore({ redis: `redis://127.0.0.1:${port}`, onError: () => {} })
  t.teardown(async () => {
    await store.close()
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
  })
  const { limiter, warnings } = setUp(t, { store, timeoutMs: 100 })
  // The store's own command, sent at the same moment, is still waiting when the limiter answers.
  const direct = store.incr('probe').then(
    () => 'store',
    () => 'store',
  )
  const first = await Promise.race([limiter.check(alice).then((d) => d), direct])
  t.same(first, { allowed: true }, 'let through before the store gave up')
  t.equal(warnings.length, 1)
})
