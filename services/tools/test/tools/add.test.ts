import t from 'tap'
import { add } from '../../src/tools/add.js'

t.test('add: returns the sum as text and structured data', async (t) => {
  const result = await add.handler(add.input.parse({ a: 2.5, b: -7 }), undefined as never)
  t.same(result.structured, { sum: -4.5 })
  t.equal(result.text, '-4.5')
})

t.test('add: non-numbers and non-finite numbers are refused', async (t) => {
  for (const bad of [{ a: '1', b: 2 }, { a: 1 }, { a: Infinity, b: 1 }, { a: Number.NaN, b: 1 }]) {
    t.notOk(add.input.safeParse(bad).success, JSON.stringify(bad))
  }
})
