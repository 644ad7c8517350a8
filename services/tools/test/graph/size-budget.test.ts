// Results above the size budget are cut on whole items or characters, with a note.
import t from 'tap'
import { budgetNote, cutText, fitItems } from '../../src/graph/size-budget.js'

t.test('fitItems: keeps the longest prefix whose JSON fits the byte budget', async (t) => {
  const items = Array.from({ length: 10 }, (_, i) => ({ id: `item-${i}`, name: 'x'.repeat(20) }))
  const one = Buffer.byteLength(JSON.stringify(items[0]))
  const budget = 2 + one * 3 + 2 // brackets, three items, two commas
  const fitted = fitItems(items, budget)
  t.equal(fitted.items.length, 3)
  t.equal(fitted.omitted, 7)
  t.ok(Buffer.byteLength(JSON.stringify(fitted.items)) <= budget)
  t.equal(fitItems(items, budget - 1).items.length, 2, 'one byte less: one item less')
  t.same(fitItems(items, 1_000_000), { items, omitted: 0 })
})

t.test('fitItems: counts UTF-8 bytes, not UTF-16 units', async (t) => {
  const items = ['€€€€', '€€€€']
  // "€€€€" is 4 characters but 12 bytes; JSON adds the quotes.
  t.equal(fitItems(items, 2 + 14).items.length, 1)
})

t.test('cutText: cuts at a character boundary within the byte budget', async (t) => {
  t.same(cutText('hello', 10), { text: 'hello', truncated: false })
  t.same(cutText('héllo wörld', 6), { text: 'héllo', truncated: true })
  const emoji = cutText('😀😀😀', 9)
  t.equal(emoji.text, '😀😀', 'a surrogate pair is never split')
  t.ok(Buffer.byteLength(emoji.text) <= 9)
})

t.test('budgetNote: says what was left out and how to continue', async (t) => {
  t.equal(budgetNote({ shown: 5, omitted: 0 }), undefined)
  const withCursor = budgetNote({ shown: 5, omitted: 3, nextCursor: 'c2.x.5.y' }) ?? ''
  t.match(withCursor, /showing 5 items, 3 more were left out/)
  t.match(withCursor, /nextCursor/)
  t.match(withCursor, /continue with the first item left out/)
  t.notMatch(withCursor, /smaller page size/, 'no longer asks to repeat with a smaller page')
  t.notMatch(withCursor, /c2\.x\.5\.y/, 'the cursor travels in its own field')
  t.match(budgetNote({ shown: 1, omitted: 2 }) ?? '', /narrower query/)
  const hint = 'Ask with a narrower window.'
  const without = budgetNote({ shown: 1, omitted: 2, withoutCursor: hint }) ?? ''
  t.match(without, /showing 1 items, 2 more were left out/)
  t.ok(without.endsWith(hint), 'a tool without a cursor says what to ask instead')
  t.notMatch(without, /nextCursor/)
})
