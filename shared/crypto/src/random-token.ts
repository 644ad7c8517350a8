// Unguessable values (codes, refresh tokens, CSRF tokens, state): 128 bits at the very least
// (RFC 6749 §10.10 requires unguessable codes and tokens; RFC 6819 §5.1.4.2.2 recommends ≥128 bits).
import { randomBytes, randomUUID } from 'node:crypto'
import { encodeBase64Url } from './base64url.js'

const MIN_BYTES = 16
const MAX_BYTES = 1024

/** `bytes` random bytes (default 32, at least 16) as base64url without padding. */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_BYTES || bytes > MAX_BYTES) {
    throw new RangeError(`randomToken: bytes must be an integer from ${MIN_BYTES} to ${MAX_BYTES}`)
  }
  return encodeBase64Url(randomBytes(bytes))
}

/** A random UUID v4, for identifiers that must be unique but need not be secret. */
export function randomId(): string {
  return randomUUID()
}
