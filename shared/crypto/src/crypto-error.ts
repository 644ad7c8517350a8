// Internal errors with a stable `code` (house style §3). Messages never carry plaintext or key
// material, so they can be logged.

export type CryptoErrorCode =
  /** Not a ciphertext of this library (wrong segment count, bad base64url, wrong lengths). */
  | 'malformed'
  /** Envelope version this code does not read. */
  | 'unsupported_version'
  /** Wrapped with a key id the keyring does not hold (removed too early, or another keyring). */
  | 'unknown_key'
  /** Authentication failed: tampered data, wrong key or wrong associated data. */
  | 'decrypt_failed'
  /** Keyring or key specification rejected at construction. */
  | 'invalid_keyring'

export class CryptoError extends Error {
  override readonly name = 'CryptoError'

  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message)
  }
}
