// The per-user stream counter (ATTACKS F49): a slot per open stream up to the cap, released once
// however often release is called, users counted apart, 0 disabling the cap.
import t from 'tap'
import { createStreamCap } from '../../src/rate-limit/stream-cap.js'

t.test('stream cap: refuses the slot past the cap, per user', async (t) => {
  const cap = createStreamCap(2)
  t.ok(cap.acquire('alice'))
  t.ok(cap.acquire('alice'))
  t.equal(cap.acquire('alice'), null, 'alice is at the cap')
  t.ok(cap.acquire('bob'), 'bob is counted apart')
  t.equal(cap.count('alice'), 2)
})

t.test('stream cap: a release frees one slot, once', async (t) => {
  const cap = createStreamCap(2)
  const release = cap.acquire('alice')
  cap.acquire('alice')
  release?.()
  release?.()
  t.equal(cap.count('alice'), 1, 'a second call of the same release is ignored')
  t.ok(cap.acquire('alice'))
  t.equal(cap.acquire('alice'), null)
})

t.test('stream cap: 0 disables it and counts nothing', async (t) => {
  const cap = createStreamCap(0)
  for (let i = 0; i < 100; i++) t.ok(cap.acquire('alice'))
  t.equal(cap.count('alice'), 0)
})
