// Nonces for `style-src 'nonce-…'` (CSP Level 3 §2.3.1, §6.7.2.3): fresh per response, unguessable,
// base64 only so a nonce can never break out of the header or the attribute it is placed in.
import { randomToken } from '@m365mcp/crypto'

const NONCE = /^[A-Za-z0-9_-]{22,128}$/

/** A fresh nonce (128 bits, base64url) for one HTML response. */
export const createCspNonce = (): string => randomToken(16)

/** Throws unless `nonce` has the shape `createCspNonce` produces; used by headers and pages alike. */
export function assertCspNonce(nonce: string): string {
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) {
    throw new TypeError('CSP nonce must be 22–128 base64url characters (use createCspNonce)')
  }
  return nonce
}
