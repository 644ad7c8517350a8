// Server keys for cookies and CSRF tokens, from COOKIE_SECRETS (newest first): sign with the
// first, verify with any, so a key can be rotated in without logging anyone out. Each use gets
// its own subkey, HMAC(secret, purpose) (the HKDF-Expand idea, RFC 5869 §2.3), so a value minted
// for one purpose (a CSRF token) is never valid for another (a consent cookie).
import { createHmac } from 'node:crypto'

export type CookieKeyPurpose = 'consent-cookie' | 'csrf-token'

export interface CookieKeys {
  /** The key new values are signed with. */
  readonly current: Buffer
  /** Every key accepted on verification, current first. */
  readonly all: readonly Buffer[]
}

const MIN_SECRET_LENGTH = 32

export function deriveCookieKeys(secrets: readonly string[], purpose: CookieKeyPurpose): CookieKeys {
  if (secrets.length === 0) throw new TypeError('cookie keys: at least one secret is required')
  const all = secrets.map((secret) => {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
      throw new TypeError(`cookie keys: every secret must be at least ${MIN_SECRET_LENGTH} characters`)
    }
    return createHmac('sha256', secret).update(`m365mcp:${purpose}:v1`).digest()
  })
  return { current: all[0] as Buffer, all }
}
