// PKCE check at code redemption, RFC 7636 §4.1 (verifier: 43–128 unreserved characters) and §4.6
// (S256: BASE64URL(SHA256(ASCII(code_verifier))) equals the stored challenge). `plain` is never
// accepted (OAuth 2.1 §4.1.1), so only S256 challenges are ever stored.
import { sha256, timingSafeEqualString } from '@m365mcp/crypto'

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/

export function checkPkceS256(verifier: unknown, challenge: string): boolean {
  if (typeof verifier !== 'string' || !VERIFIER.test(verifier)) return false
  return timingSafeEqualString(sha256(verifier), challenge)
}
