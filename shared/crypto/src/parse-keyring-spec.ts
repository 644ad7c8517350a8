// Keys as an operator writes them in one environment variable: `k2:BASE64,k1:BASE64`, newest
// first. To rotate, prepend a new key (it becomes the primary) and keep the old ones until nothing
// is stored under them any more (Keyring.keyIdOf finds such values).
import { decodeBase64Any } from './base64url.js'
import { CryptoError } from './crypto-error.js'
import { KEY_BYTES, KEY_ID } from './envelope.js'
import type { KeySpec } from './keyring.js'

export interface KeyringSpec {
  /** Oldest first and the primary last, so `createKeyring(spec.keys)` picks the right primary. */
  keys: KeySpec[]
  /** The first key of the string. */
  primary: string
}

export function parseKeyringSpec(spec: string): KeyringSpec {
  const entries = spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  if (entries.length === 0) throw invalid('expected at least one "<id>:<base64 key>" entry')
  const keys = entries.map((entry, index): KeySpec => {
    const colon = entry.indexOf(':')
    const id = entry.slice(0, colon).trim()
    // Reasons name the entry by position and never quote it: it holds key material.
    if (colon === -1 || !KEY_ID.test(id)) {
      throw invalid(`entry ${index + 1}: expected "<id>:<base64 key>" with an id of A–Z a–z 0–9 _ -`)
    }
    const key = decodeBase64Any(entry.slice(colon + 1).trim())
    if (key === undefined || key.length !== KEY_BYTES) {
      throw invalid(`entry ${index + 1} ("${id}"): key must be ${KEY_BYTES} bytes of base64`)
    }
    return { id, key }
  })
  const ids = keys.map((key) => key.id)
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index)
  if (duplicate !== undefined) throw invalid(`key id "${duplicate}" is used more than once`)
  return { keys: keys.reverse(), primary: ids[0] ?? '' }
}

function invalid(reason: string): CryptoError {
  return new CryptoError('invalid_keyring', `key spec: ${reason}`)
}
