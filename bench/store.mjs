// Store adapter overhead, measured side by side in one run: the Redis Store port against the raw
// ioredis commands it wraps, on the same connection settings and concurrency. Ratios near 1 mean
// the port costs nothing; the figures are throughput ratios (higher is better), never absolute times.
import { Redis } from 'ioredis'
import { createRedisStore } from '../shared/store/dist/index.js'
import { getTestRedis, uniquePrefix, cleanupPrefix } from '../shared/testing/dist/index.js'

const CONCURRENCY = 32
const ROUND_MS = 400
const ROUNDS = 5

async function throughput(op) {
  let done = 0
  let i = 0
  const deadline = performance.now() + ROUND_MS
  const worker = async () => {
    while (performance.now() < deadline) {
      await op(i++)
      done++
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return (done * 1000) / (performance.now() - start)
}

/** Alternates the two sides round by round so machine noise hits both alike; returns the median ratio. */
async function sideBySide(name, portOp, rawOp) {
  await throughput(portOp)
  await throughput(rawOp) // warm-up
  const ratios = []
  let port = 0
  let raw = 0
  for (let r = 0; r < ROUNDS; r++) {
    const a = await throughput(portOp)
    const b = await throughput(rawOp)
    port += a
    raw += b
    ratios.push(a / b)
  }
  ratios.sort((x, y) => x - y)
  return {
    name,
    portOpsPerSec: Math.round(port / ROUNDS),
    rawOpsPerSec: Math.round(raw / ROUNDS),
    ratio: Number(ratios[Math.floor(ROUNDS / 2)].toFixed(3)),
  }
}

export async function benchStore() {
  const { url } = await getTestRedis()
  const prefix = uniquePrefix('bench')
  const redis = new Redis(url, { lazyConnect: false })
  const store = createRedisStore({ redis, prefix })
  const key = (i) => `${prefix}k:${i % 1024}`
  const results = []
  try {
    results.push(
      await sideBySide(
        'store.set+take vs SET PX + GETDEL',
        async (i) => {
          await store.set(`k:${i % 1024}`, 'v', { ttlMs: 60_000 })
          await store.take(`k:${i % 1024}`)
        },
        async (i) => {
          await redis.set(key(i), 'v', 'PX', 60_000)
          await redis.getdel(key(i))
        },
      ),
    )
    results.push(
      await sideBySide(
        'store.compareAndSet (Lua, atomic) vs GET + SET (not atomic)',
        async (i) => {
          const k = `c:${i % 1024}`
          await store.compareAndSet(k, null, 'a', { ttlMs: 60_000 })
          await store.compareAndSet(k, 'a', null)
        },
        async (i) => {
          const k = `${prefix}r:${i % 1024}`
          if ((await redis.get(k)) === null) await redis.set(k, 'a', 'PX', 60_000)
          if ((await redis.get(k)) === 'a') await redis.del(k)
        },
      ),
    )
    results.push(
      await sideBySide(
        'store.incr with TTL (Lua) vs INCR + PEXPIRE',
        (i) => store.incr(`n:${i % 64}`, { ttlMs: 60_000 }),
        async (i) => {
          const k = `${prefix}m:${i % 64}`
          const n = await redis.incr(k)
          if (n === 1) await redis.pexpire(k, 60_000)
        },
      ),
    )
  } finally {
    await cleanupPrefix(redis, prefix)
    await store.close()
    redis.disconnect()
  }
  return results
}
