// Serialized envelope: `v1.<kid>.<wrappedKey>.<iv>.<ciphertext>.<tag>`, binary parts base64url.
//   wrappedKey = wrapIv (12) ‖ AES-256-GCM(kek, dataKey) (32) ‖ wrapTag (16)
//   iv (12), ciphertext, tag (16) = AES-256-GCM(dataKey, plaintext)
// Parsing checks shape only; authenticity is checked by the keyring when it decrypts.
import { decodeBase64Url, encodeBase64Url } from './base64url.js'
import { CryptoError } from './crypto-error.js'

export const VERSION = 'v1'
export const KEY_BYTES = 32
export const IV_BYTES = 12
export const TAG_BYTES = 16
export const WRAPPED_KEY_BYTES = IV_BYTES + KEY_BYTES + TAG_BYTES
export const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/

export interface Envelope {
  kid: string
  wrappedKey: Buffer
  iv: Buffer
  ciphertext: Buffer
  tag: Buffer
}

/** The first three segments; the payload's associated data covers them. */
export function envelopeHeader(kid: string, wrappedKey: Uint8Array): string {
  return `${VERSION}.${kid}.${encodeBase64Url(wrappedKey)}`
}

export function serializeEnvelope({ kid, wrappedKey, iv, ciphertext, tag }: Envelope): string {
  return [envelopeHeader(kid, wrappedKey), ...[iv, ciphertext, tag].map(encodeBase64Url)].join('.')
}

export function parseEnvelope(text: string): Envelope {
  const parts = text.split('.')
  if (parts.length !== 6) throw malformed('expected 6 dot-separated segments')
  const [version = '', kid = '', wrappedKey = '', iv = '', ciphertext = '', tag = ''] = parts
  if (version !== VERSION) {
    throw /^v\d+$/.test(version)
      ? new CryptoError('unsupported_version', `envelope version ${version} is not supported`)
      : malformed('missing version')
  }
  if (!KEY_ID.test(kid)) throw malformed('invalid key id')
  return {
    kid,
    wrappedKey: segment(wrappedKey, 'wrapped key', WRAPPED_KEY_BYTES),
    iv: segment(iv, 'iv', IV_BYTES),
    ciphertext: segment(ciphertext, 'ciphertext'),
    tag: segment(tag, 'tag', TAG_BYTES),
  }
}

function segment(text: string, name: string, length?: number): Buffer {
  const bytes = decodeBase64Url(text)
  if (bytes === undefined) throw malformed(`${name} is not canonical base64url`)
  if (length !== undefined && bytes.length !== length) throw malformed(`${name} must be ${length} bytes`)
  return bytes
}

function malformed(reason: string): CryptoError {
  return new CryptoError('malformed', `not an encrypted envelope: ${reason}`)
}
