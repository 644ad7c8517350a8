import t from 'tap'
import { randomBytes } from 'node:crypto'
import { CryptoError, createKeyring, parseKeyringSpec } from '../src/index.js'

const key1 = randomBytes(32)
const key2 = randomBytes(32)

t.test('parseKeyringSpec: the first entry is the primary; createKeyring(spec.keys) agrees', async (t) => {
  const spec = parseKeyringSpec(` k2:${key2.toString('base64')} , k1:${key1.toString('base64url')} `)
  t.equal(spec.primary, 'k2')
  t.same(
    spec.keys.map((key) => key.id),
    ['k1', 'k2'],
  )
  t.same(spec.keys[1]?.key, key2)
  t.equal(createKeyring(spec.keys).primaryKeyId, 'k2')
  t.equal(createKeyring(spec.keys, { primary: spec.primary }).primaryKeyId, 'k2')
})

t.test('parseKeyringSpec: a ciphertext under k1 opens after k2 is prepended', async (t) => {
  const before = createKeyring(parseKeyringSpec(`k1:${key1.toString('base64')}`).keys)
  const ciphertext = before.encrypt('stored value')
  const after = createKeyring(
    parseKeyringSpec(`k2:${key2.toString('base64')},k1:${key1.toString('base64')}`).keys,
  )
  t.equal(after.decrypt(ciphertext), 'stored value')
  t.equal(after.keyIdOf(after.encrypt('x')), 'k2')
})

t.test('parseKeyringSpec: bad entries are refused by position without quoting key material', async (t) => {
  const secretish = randomBytes(16).toString('base64')
  const cases = [
    '',
    ' , ',
    `k1${secretish}`,
    `k1:${secretish}`,
    `:${key1.toString('base64')}`,
    `k1:${key1.toString('base64')},k1:${key2.toString('base64')}`,
  ]
  for (const spec of cases) {
    try {
      parseKeyringSpec(spec)
      t.fail(`accepted ${JSON.stringify(spec)}`)
    } catch (error) {
      t.ok(error instanceof CryptoError && error.code === 'invalid_keyring', JSON.stringify(spec))
      t.notMatch((error as Error).message, secretish)
      t.notMatch((error as Error).message, key1.toString('base64'))
    }
  }
})
