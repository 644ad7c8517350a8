import t from 'tap'
import { z } from 'zod'
import { csv, url } from '../../src/index.js'

t.test('csv: splits on commas, trims items and drops empty ones', async (t) => {
  t.same(csv().parse('a, b ,c'), ['a', 'b', 'c'])
  t.same(csv().parse(' a ,, b, '), ['a', 'b'])
  t.same(csv().parse('single'), ['single'])
  t.same(csv().parse(','), [])
})

t.test('csv: an item schema parses each item and names the first bad one', async (t) => {
  t.same(csv(url()).parse('https://a.example, HTTP://B.example/'), ['https://a.example', 'http://b.example'])
  t.equal(
    csv(url()).safeParse('https://a.example,nope').error?.issues[0]?.message,
    'item 2: must be an absolute URL',
  )
  t.same(csv(z.enum(['read', 'write'])).parse('read,write'), ['read', 'write'])
  t.notOk(csv(z.enum(['read', 'write'])).safeParse('read,admin').success)
})
