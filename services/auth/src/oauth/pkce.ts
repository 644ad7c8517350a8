// PKCE (RFC 7636; OAuth 2.1 §4.1.1, §4.1.3; RFC 9700 §2.1.1). Only S256: RFC 7636 §4.3 makes
// `plain` the default when the method is omitted, so a missing method is refused like `plain`
// itself (ATTACKS A4). Verifier failures are `invalid_grant` (RFC 7636 §4.6; ATTACKS A5, A6).
import { sha256, timingSafeEqualString } from '@m365mcp/crypto'
import { OAuthError } from './errors.js'

// An S256 challenge is BASE64URL(SHA256(verifier)) without padding: always 43 characters.
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/
// RFC 7636 §4.1: code-verifier = 43*128unreserved.
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/

export interface CodeChallenge {
  readonly challenge: string
  readonly method: 'S256'
}

/** Reads the authorization request's PKCE parameters; OAuthError `invalid_request` if unusable. */
export function parseCodeChallenge(challenge: string | undefined, method: string | undefined): CodeChallenge {
  if (challenge === undefined) {
    throw new OAuthError('invalid_request', 'code_challenge is required (PKCE with S256)')
  }
  if (method === undefined) {
    throw new OAuthError('invalid_request', 'code_challenge_method is required and must be S256')
  }
  if (method !== 'S256') {
    throw new OAuthError('invalid_request', 'code_challenge_method must be S256')
  }
  if (!CHALLENGE.test(challenge)) {
    throw new OAuthError('invalid_request', 'code_challenge must be 43 base64url characters')
  }
  return { challenge, method }
}

/** Whether `verifier` is well-formed and hashes to `challenge`; constant-time comparison. */
export function verifyPkce(verifier: string, challenge: string): boolean {
  if (!VERIFIER.test(verifier)) return false
  return timingSafeEqualString(sha256(verifier), challenge)
}

/**
 * Token-endpoint check (OAuth 2.1 §4.1.3): with a stored challenge the verifier must match it;
 * without one a verifier must not be sent (a PKCE downgrade). Throws OAuthError `invalid_grant`.
 */
export function checkCodeVerifier(verifier: string | undefined, challenge: string | undefined): void {
  if (challenge === undefined) {
    if (verifier !== undefined) {
      throw new OAuthError('invalid_grant', 'code_verifier sent for a code issued without code_challenge')
    }
    // Every code we issue carries a challenge; a code without one is not redeemable.
    throw new OAuthError('invalid_grant', 'the authorization code was issued without PKCE')
  }
  if (verifier === undefined) throw new OAuthError('invalid_grant', 'code_verifier is required')
  if (!verifyPkce(verifier, challenge)) throw new OAuthError('invalid_grant', 'code_verifier does not match')
}
