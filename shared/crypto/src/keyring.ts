// Envelope encryption (AES-256-GCM, NIST SP 800-38D) for values we must be able to read back, such
// as users' Entra refresh tokens. Every message gets its own random data key, wrapped by the
// keyring's primary key; the key id travels in the envelope so ciphertext written under an older
// key still opens after rotation. Random 96-bit IVs are safe for 2^32 wraps per key (SP 800-38D
// §8.3): rotate the primary well before that.
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto'
import { decodeBase64Any } from './base64url.js'
import { CryptoError } from './crypto-error.js'
import {
  IV_BYTES,
  KEY_BYTES,
  KEY_ID,
  TAG_BYTES,
  VERSION,
  envelopeHeader,
  parseEnvelope,
  serializeEnvelope,
} from './envelope.js'

export interface KeySpec {
  /** Key id, 1–64 characters of A–Z a–z 0–9 _ - (it is written into every ciphertext). */
  id: string
  /** 32 bytes, or their base64 / base64url encoding. */
  key: Uint8Array | string
}

export interface KeyringOptions {
  /** Id of the key that encrypts; defaults to the last (newest) key. The others only decrypt. */
  primary?: string
}

export interface Keyring {
  readonly primaryKeyId: string
  readonly keyIds: readonly string[]
  /** Encrypts under the primary key. `aad` (associated data) must be given again to decrypt. */
  encrypt(plaintext: string | Uint8Array, aad?: string): string
  /** Decrypts to a UTF-8 string. Throws `CryptoError` on tampering, wrong `aad` or unknown key. */
  decrypt(ciphertext: string, aad?: string): string
  decryptBytes(ciphertext: string, aad?: string): Uint8Array
  /** The id of the key that wrapped `ciphertext`, to find values still under a retired key. */
  keyIdOf(ciphertext: string): string
}

const ALGORITHM = 'aes-256-gcm'

export function createKeyring(keys: readonly KeySpec[], { primary }: KeyringOptions = {}): Keyring {
  const byId = importKeys(keys)
  const primaryKeyId = primary ?? keys[keys.length - 1]?.id ?? ''
  const primaryKey = byId.get(primaryKeyId)
  if (primaryKey === undefined) throw invalidKeyring(`primary key "${primaryKeyId}" is not in the keyring`)
  const keyIds = Object.freeze([...byId.keys()])

  function decryptBytes(ciphertext: string, aad?: string): Buffer {
    const envelope = parseEnvelope(ciphertext)
    const kek = byId.get(envelope.kid)
    if (kek === undefined)
      throw new CryptoError('unknown_key', `no key with id "${envelope.kid}" in the keyring`)
    const { wrappedKey } = envelope
    const dataKey = open(
      kek,
      wrappedKey.subarray(0, IV_BYTES),
      wrappedKey.subarray(IV_BYTES, IV_BYTES + KEY_BYTES),
      wrappedKey.subarray(IV_BYTES + KEY_BYTES),
      wrapAad(envelope.kid),
    )
    try {
      const header = envelopeHeader(envelope.kid, wrappedKey)
      return open(
        createSecretKey(dataKey),
        envelope.iv,
        envelope.ciphertext,
        envelope.tag,
        payloadAad(header, aad),
      )
    } finally {
      dataKey.fill(0)
    }
  }

  return Object.freeze({
    primaryKeyId,
    keyIds,
    encrypt(plaintext: string | Uint8Array, aad?: string): string {
      const dataKey = randomBytes(KEY_BYTES)
      try {
        const wrapped = seal(primaryKey, dataKey, wrapAad(primaryKeyId))
        const wrappedKey = Buffer.concat([wrapped.iv, wrapped.ciphertext, wrapped.tag])
        const header = envelopeHeader(primaryKeyId, wrappedKey)
        const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext
        const payload = seal(createSecretKey(dataKey), data, payloadAad(header, aad))
        return serializeEnvelope({ kid: primaryKeyId, wrappedKey, ...payload })
      } finally {
        dataKey.fill(0)
      }
    },
    decrypt: (ciphertext: string, aad?: string): string => decryptBytes(ciphertext, aad).toString('utf8'),
    decryptBytes: (ciphertext: string, aad?: string): Uint8Array => decryptBytes(ciphertext, aad),
    keyIdOf: (ciphertext: string): string => parseEnvelope(ciphertext).kid,
  })
}

function importKeys(keys: readonly KeySpec[]): Map<string, KeyObject> {
  if (keys.length === 0) throw invalidKeyring('at least one key is required')
  const byId = new Map<string, KeyObject>()
  keys.forEach(({ id, key }, index) => {
    if (typeof id !== 'string' || !KEY_ID.test(id)) {
      throw invalidKeyring(`key ${index + 1}: id must be 1–64 characters of A–Z a–z 0–9 _ -`)
    }
    if (byId.has(id)) throw invalidKeyring(`key id "${id}" is used more than once`)
    const bytes = typeof key === 'string' ? decodeBase64Any(key.trim()) : Buffer.from(key)
    if (bytes === undefined) throw invalidKeyring(`key "${id}" is not valid base64`)
    if (bytes.length !== KEY_BYTES) {
      throw invalidKeyring(`key "${id}" must be ${KEY_BYTES} bytes (AES-256), got ${bytes.length}`)
    }
    byId.set(id, createSecretKey(bytes))
    bytes.fill(0)
  })
  return byId
}

// The wrapped data key is bound to the envelope version and key id; the payload to the whole header
// and the caller's associated data (undefined and '' are the same).
const wrapAad = (kid: string): Buffer => Buffer.from(`${VERSION}.${kid}`, 'utf8')
const payloadAad = (header: string, aad = ''): Buffer => Buffer.from(`${header}.${aad}`, 'utf8')

function seal(key: KeyObject, plaintext: Uint8Array, aad: Buffer) {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return { iv, ciphertext, tag: cipher.getAuthTag() }
}

function open(key: KeyObject, iv: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer): Buffer {
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(aad)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()])
  } catch {
    throw new CryptoError(
      'decrypt_failed',
      'decryption failed: wrong key, associated data or tampered ciphertext',
    )
  }
}

function invalidKeyring(reason: string): CryptoError {
  return new CryptoError('invalid_keyring', `keyring: ${reason}`)
}
