import t from 'tap'
import { isSecret, secret } from '../../src/index.js'

t.test('secret: wraps the exact value (untrimmed) behind reveal()', async (t) => {
  const value = secret().parse(' s3cr3t-with-space ')
  t.ok(isSecret(value))
  t.equal(value.reveal(), ' s3cr3t-with-space ')
})

t.test('secret: minLength is enforced and the reason never quotes the value', async (t) => {
  const result = secret({ minLength: 32 }).safeParse('too-short-secret')
  t.notOk(result.success)
  t.equal(result.error?.issues[0]?.message, 'must be at least 32 characters')
  t.notMatch(JSON.stringify(result.error), /too-short-secret/)
  t.ok(secret({ minLength: 4 }).safeParse('four').success)
})
