import t from 'tap'
import { uniquePrefix } from '../src/unique-prefix.js'

t.test('uniquePrefix: test:<label>:<random>: and never the same twice', async (t) => {
  const prefixes = new Set(Array.from({ length: 1000 }, () => uniquePrefix('store')))
  t.equal(prefixes.size, 1000)
  const malformed = [...prefixes].filter((prefix) => !/^test:store:[0-9a-f]{12}:$/.test(prefix))
  t.same(malformed, [])
})

t.test('uniquePrefix: without a label the segment is left out', async (t) => {
  t.match(uniquePrefix(), /^test:[0-9a-f]{12}:$/)
  t.match(uniquePrefix('  '), /^test:[0-9a-f]{12}:$/)
})

t.test('uniquePrefix: labels lose glob characters, colons and spaces', async (t) => {
  t.match(uniquePrefix('take: 50 [racers]*?'), /^test:take-50-racers:[0-9a-f]{12}:$/)
})
