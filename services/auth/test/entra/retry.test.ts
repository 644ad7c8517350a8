import t from 'tap'
import { parseRetryAfter, retryDelay, withRetry } from '../../src/entra/retry.js'
import type { RetryPolicy } from '../../src/entra/retry.js'

const policy = (random: () => number, sleeps: number[]): RetryPolicy => ({
  attempts: 3,
  baseDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 5_000,
  random,
  sleep: async (ms) => {
    sleeps.push(ms)
  },
})

t.test('retry: at most 3 attempts with full-jitter exponential backoff', async (t) => {
  const sleeps: number[] = []
  let calls = 0
  const err = await withRetry(
    async () => {
      calls++
      throw new Error('down')
    },
    () => ({ retry: true }),
    policy(() => 0.999, sleeps),
  ).catch((e: unknown) => e)
  t.equal(calls, 3)
  t.ok(err instanceof Error)
  t.same(sleeps, [99, 199], 'random × min(cap, base × 2^(n-1))')
  const p = policy(() => 0.5, [])
  t.equal(retryDelay({ ...p, attempts: 10 }, 8, { retry: true }), 500, 'capped at maxDelayMs')
  t.equal(retryDelay(p, 1, { retry: true }), 50)
  t.equal(
    retryDelay(
      policy(() => 0, []),
      1,
      { retry: true },
    ),
    0,
    'full jitter reaches zero',
  )
})

t.test('retry: Retry-After is honoured up to the cap; beyond it we give up', async (t) => {
  const p = policy(() => 0.5, [])
  t.equal(retryDelay(p, 1, { retry: true, retryAfterMs: 1_500 }), 1_500)
  t.equal(retryDelay(p, 1, { retry: true, retryAfterMs: 60_000 }), undefined)
  t.equal(retryDelay(p, 3, { retry: true, retryAfterMs: 10 }), undefined, 'no fourth attempt')
})

t.test('retry: a non-retryable error is thrown at once', async (t) => {
  let calls = 0
  await t.rejects(
    withRetry(
      async () => {
        calls++
        throw new Error('fatal')
      },
      () => ({ retry: false }),
      policy(Math.random, []),
    ),
    /fatal/,
  )
  t.equal(calls, 1)
})

t.test('retry: Retry-After as seconds (fractional) or HTTP-date (RFC 9110 §10.2.3)', async (t) => {
  const now = Date.parse('2025-01-01T00:00:00Z')
  t.equal(parseRetryAfter('2', now), 2_000)
  t.equal(parseRetryAfter('0.25', now), 250)
  t.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000)
  t.equal(parseRetryAfter('soon', now), undefined)
  t.equal(parseRetryAfter(null, now), undefined)
})
