import t from 'tap'
import { randomId, randomToken } from '../src/index.js'

t.test('randomToken: 32 random bytes by default, as unpadded base64url', async (t) => {
  const token = randomToken()
  t.match(token, /^[A-Za-z0-9_-]{43}$/)
  t.equal(Buffer.from(token, 'base64url').length, 32)
  t.equal(randomToken(16).length, 22)
  t.equal(Buffer.from(randomToken(48), 'base64url').length, 48)
})

t.test('randomToken: fewer than 16 bytes (128 bits) is refused (RFC 6819 §5.1.4.2.2)', async (t) => {
  for (const bytes of [15, 0, -1, 8.5, Number.NaN, 4096]) {
    t.throws(() => randomToken(bytes), RangeError, String(bytes))
  }
})

t.test('randomToken: 10 000 tokens are distinct and every bit position varies', async (t) => {
  const tokens = Array.from({ length: 10_000 }, () => randomToken(16))
  t.equal(new Set(tokens).size, tokens.length)
  // Each of the 128 bits is set in roughly half the tokens; a stuck or biased bit shows up here.
  const ones = new Array<number>(128).fill(0)
  for (const token of tokens) {
    const bytes = Buffer.from(token, 'base64url')
    for (let bit = 0; bit < 128; bit++) ones[bit]! += (bytes[bit >> 3]! >> (bit & 7)) & 1
  }
  for (const count of ones) t.ok(count > 4_500 && count < 5_500, `bit set in ${count} of 10000`)
})

t.test('randomId: a fresh UUID v4 each call', async (t) => {
  const id = randomId()
  t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  t.not(randomId(), id)
})
