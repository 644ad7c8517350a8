import t from 'tap'
import { createRng } from '../../src/seed/random.js'

t.test('createRng: the same key replays the same stream, another key another stream', async (t) => {
  const a = createRng('alpha')
  const b = createRng('alpha')
  const c = createRng('beta')
  const take = (r: ReturnType<typeof createRng>) => Array.from({ length: 20 }, () => r.next())
  const sa = take(a)
  t.same(sa, take(b))
  t.not(JSON.stringify(sa), JSON.stringify(take(c)))
})

t.test('createRng: next is in [0, 1), int covers both bounds and nothing else', async (t) => {
  const r = createRng('bounds')
  const seen = new Set<number>()
  for (let i = 0; i < 2000; i++) {
    const x = r.next()
    if (x < 0 || x >= 1) t.fail(`next out of range: ${x}`)
    seen.add(r.int(3, 6))
  }
  t.same([...seen].sort(), [3, 4, 5, 6])
})

t.test('createRng: shuffle returns a permutation without touching its input', async (t) => {
  const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8])
  const out = createRng('shuffle').shuffle(input)
  t.same([...out].sort(), [...input])
  t.not(out, input)
  t.throws(() => createRng('x').pick([]), RangeError, 'picking from nothing is an error')
})
