import t from 'tap'
import { cacheLifetimeMs } from '../../src/clients/cache-lifetime.js'

const bounds = { minMs: 60_000, maxMs: 86_400_000, defaultMs: 300_000 }

t.test('cache lifetime follows Cache-Control within bounds (RFC 9111 §5.2.2; CIMD draft §5.2)', async (t) => {
  t.equal(cacheLifetimeMs('max-age=600', bounds), 600_000)
  t.equal(cacheLifetimeMs('public, max-age="900"', bounds), 900_000)
  t.equal(cacheLifetimeMs('max-age=600, s-maxage=1200', bounds), 1_200_000, 's-maxage wins')
  t.equal(cacheLifetimeMs('max-age=5', bounds), 60_000, 'raised to the floor')
  t.equal(cacheLifetimeMs('no-cache', bounds), 60_000, 'no-cache is max-age=0')
  t.equal(cacheLifetimeMs('max-age=99999999', bounds), 86_400_000, 'cut to the ceiling')
  t.equal(cacheLifetimeMs(undefined, bounds), 300_000, 'default without a header')
  t.equal(cacheLifetimeMs('max-age=-1', bounds), 300_000, 'invalid values fall back to the default')
  t.equal(cacheLifetimeMs('max-age=600, no-store', bounds), null, 'no-store is never cached')
  t.equal(cacheLifetimeMs('NO-STORE', bounds), null)
})
