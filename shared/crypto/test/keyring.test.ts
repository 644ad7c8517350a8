import t from 'tap'
import { randomBytes } from 'node:crypto'
import { CryptoError, createKeyring } from '../src/index.js'

const k1 = { id: 'k1', key: randomBytes(32) }
const k2 = { id: 'k2', key: randomBytes(32).toString('base64') }
const PLAINTEXT = 'entra-refresh-token-0.AXoA-very-secret'

function cryptoErrorCode(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return error instanceof CryptoError ? error.code : `not a CryptoError: ${String(error)}`
  }
  return undefined
}

t.test('keyring: round trip of strings, bytes and empty values', async (t) => {
  const keyring = createKeyring([k1])
  t.equal(keyring.decrypt(keyring.encrypt(PLAINTEXT)), PLAINTEXT)
  t.equal(keyring.decrypt(keyring.encrypt('')), '')
  t.equal(keyring.decrypt(keyring.encrypt('ünïcødé ✓')), 'ünïcødé ✓')
  const bytes = randomBytes(100)
  t.same(Buffer.from(keyring.decryptBytes(keyring.encrypt(bytes))), bytes)
})

t.test(
  'keyring: envelope is v1.<kid>.<wrappedKey>.<iv>.<ciphertext>.<tag> with fresh randomness',
  async (t) => {
    const keyring = createKeyring([k1])
    const a = keyring.encrypt(PLAINTEXT)
    const b = keyring.encrypt(PLAINTEXT)
    const parts = a.split('.')
    t.equal(parts.length, 6)
    t.equal(parts[0], 'v1')
    t.equal(parts[1], 'k1')
    t.equal(Buffer.from(parts[2]!, 'base64url').length, 60, 'wrap iv + wrapped data key + wrap tag')
    t.equal(Buffer.from(parts[3]!, 'base64url').length, 12)
    t.equal(Buffer.from(parts[4]!, 'base64url').length, Buffer.byteLength(PLAINTEXT))
    t.equal(Buffer.from(parts[5]!, 'base64url').length, 16)
    t.not(a, b)
    t.not(a.split('.')[2], b.split('.')[2], 'a new data key per message')
    t.notMatch(a, PLAINTEXT)
    t.equal(keyring.keyIdOf(a), 'k1')
  },
)

t.test('keyring: rotation keeps old ciphertext readable and encrypts under the new primary', async (t) => {
  const before = createKeyring([k1])
  const old = before.encrypt(PLAINTEXT)

  const after = createKeyring([k1, k2])
  t.equal(after.primaryKeyId, 'k2', 'the last key is the primary by default')
  t.equal(after.decrypt(old), PLAINTEXT)
  const fresh = after.encrypt(PLAINTEXT)
  t.equal(after.keyIdOf(fresh), 'k2')
  t.equal(after.decrypt(fresh), PLAINTEXT)
  t.equal(
    cryptoErrorCode(() => before.decrypt(fresh)),
    'unknown_key',
    'a keyring without k2 cannot open it',
  )

  const explicit = createKeyring([k2, k1], { primary: 'k2' })
  t.equal(explicit.keyIdOf(explicit.encrypt('x')), 'k2')
})

t.test('keyring: a same-named key with different material does not open the ciphertext', async (t) => {
  const ciphertext = createKeyring([k1]).encrypt(PLAINTEXT)
  const impostor = createKeyring([{ id: 'k1', key: randomBytes(32) }])
  t.equal(
    cryptoErrorCode(() => impostor.decrypt(ciphertext)),
    'decrypt_failed',
  )
})

t.test('keyring: tampering with any segment is detected, never decrypted', async (t) => {
  const keyring = createKeyring([k1, { id: 'k3', key: randomBytes(32) }], { primary: 'k1' })
  const parts = keyring.encrypt(PLAINTEXT).split('.')
  const flip = (text: string, at: number) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const replacement = alphabet[(alphabet.indexOf(text[at]!) + 1) % alphabet.length]!
    return text.slice(0, at) + replacement + text.slice(at + 1)
  }
  for (const [index, name] of ['version', 'kid', 'wrappedKey', 'iv', 'ciphertext', 'tag'].entries()) {
    const value = parts[index]!
    for (const at of [0, Math.floor(value.length / 2), value.length - 1]) {
      const tampered = [...parts]
      // The kid is swapped for another key of the ring once, and garbled otherwise.
      tampered[index] = index === 1 && at === 0 ? 'k3' : flip(value, at)
      const code = cryptoErrorCode(() => keyring.decrypt(tampered.join('.')))
      t.ok(code !== undefined && !code.startsWith('not a'), `${name}[${at}] → ${code}`)
    }
  }
  const swapped = [...parts]
  swapped[4] = createKeyring([k1]).encrypt('another value of equal len').split('.')[4]!
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(swapped.join('.'))),
    'decrypt_failed',
    'spliced ciphertext',
  )
})

t.test('keyring: malformed input is rejected with a stable code', async (t) => {
  const keyring = createKeyring([k1])
  const valid = keyring.encrypt(PLAINTEXT)
  t.equal(
    cryptoErrorCode(() => keyring.decrypt('')),
    'malformed',
  )
  t.equal(
    cryptoErrorCode(() => keyring.decrypt('not.an.envelope')),
    'malformed',
  )
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(`${valid}.extra`)),
    'malformed',
  )
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(valid.replace(/^v1/, 'v2'))),
    'unsupported_version',
  )
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(valid.replace(/\.k1\./, '.k9.'))),
    'unknown_key',
  )
  const parts = valid.split('.')
  parts[3] = parts[3]!.slice(0, -2)
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(parts.join('.'))),
    'malformed',
    'short iv',
  )
})

t.test('keyring: associated data binds the ciphertext to its context', async (t) => {
  const keyring = createKeyring([k1])
  const ciphertext = keyring.encrypt(PLAINTEXT, 'grant:g1')
  t.equal(keyring.decrypt(ciphertext, 'grant:g1'), PLAINTEXT)
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(ciphertext, 'grant:g2')),
    'decrypt_failed',
  )
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(ciphertext)),
    'decrypt_failed',
  )
  t.equal(
    cryptoErrorCode(() => keyring.decrypt(keyring.encrypt(PLAINTEXT), 'grant:g1')),
    'decrypt_failed',
  )
})

t.test('keyring: errors carry neither plaintext nor key material', async (t) => {
  const keyring = createKeyring([k1])
  const ciphertext = keyring.encrypt(PLAINTEXT, 'ctx')
  try {
    keyring.decrypt(ciphertext, 'other')
    t.fail('expected a CryptoError')
  } catch (error) {
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`
    t.notMatch(text, PLAINTEXT)
    t.notMatch(text, k1.key.toString('base64'))
  }
})

t.test('keyring: construction validates ids, lengths, duplicates and the primary', async (t) => {
  t.equal(
    cryptoErrorCode(() => createKeyring([])),
    'invalid_keyring',
  )
  t.equal(
    cryptoErrorCode(() => createKeyring([{ id: 'k1', key: randomBytes(16) }])),
    'invalid_keyring',
  )
  t.equal(
    cryptoErrorCode(() => createKeyring([{ id: 'k1', key: 'not base64!' }])),
    'invalid_keyring',
  )
  t.equal(
    cryptoErrorCode(() => createKeyring([{ id: 'has.dot', key: randomBytes(32) }])),
    'invalid_keyring',
  )
  t.equal(
    cryptoErrorCode(() => createKeyring([k1, { id: 'k1', key: randomBytes(32) }])),
    'invalid_keyring',
  )
  t.equal(
    cryptoErrorCode(() => createKeyring([k1], { primary: 'k2' })),
    'invalid_keyring',
  )
  t.throws(() => createKeyring([{ id: 'k1', key: randomBytes(16) }]), {
    message: /must be 32 bytes \(AES-256\), got 16/,
  })
  t.equal(
    createKeyring([{ id: 'b64url', key: randomBytes(32).toString('base64url') }]).primaryKeyId,
    'b64url',
  )
})

t.test('keyring: changing the caller’s key buffer afterwards does not change the keyring', async (t) => {
  const key = randomBytes(32)
  const keyring = createKeyring([{ id: 'k1', key }])
  const ciphertext = keyring.encrypt(PLAINTEXT)
  key.fill(0)
  t.equal(keyring.decrypt(ciphertext), PLAINTEXT)
})
