// The bounded cache evicts the least recently used entry.
import t from 'tap'
import { createLruCache } from '../../src/graph/lru-cache.js'

t.test('createLruCache: a read refreshes an entry; the least recently used one is evicted', async (t) => {
  const cache = createLruCache<number>(2)
  cache.set('a', 1)
  cache.set('b', 2)
  t.equal(cache.get('a'), 1)
  cache.set('c', 3)
  t.equal(cache.get('b'), undefined, 'b was least recently used')
  t.equal(cache.get('a'), 1)
  t.equal(cache.get('c'), 3)
  t.equal(cache.size, 2)
  cache.delete('a')
  t.equal(cache.get('a'), undefined)
  t.throws(() => createLruCache(0), RangeError)
})
