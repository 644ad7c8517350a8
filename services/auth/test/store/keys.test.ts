import t from 'tap'
import { createKeys } from '../../src/store/keys.js'

t.test('keys: every key sits under the service prefix and distinct builders never collide', async (t) => {
  const keys = createKeys('auth:')
  const built = [
    keys.signingKeys(),
    keys.signingKeysLock(),
    keys.grant('x'),
    keys.userGrants('x'),
    keys.grantCodes('x'),
    keys.grantRefreshTokens('x'),
    keys.code('x'),
    keys.refreshToken('x'),
    keys.channels.signingKeysChanged(),
    keys.channels.grantRevoked(),
  ]
  t.ok(built.every((key) => key.startsWith('auth:')))
  t.equal(new Set(built).size, built.length)
  t.equal(createKeys('m365:auth:').code('abc'), 'm365:auth:code:abc')
})

t.test('keys: a segment with a separator, glob character, whitespace or nothing is refused', async (t) => {
  const keys = createKeys()
  for (const bad of ['', 'a:b', 'a*', 'a?', '[a]', 'a b', 'a\nb', 'x'.repeat(257)]) {
    t.throws(() => keys.grant(bad), TypeError, JSON.stringify(bad))
  }
  for (const bad of ['auth', '', 'auth:*:', ':']) t.throws(() => createKeys(bad), TypeError, bad)
})
