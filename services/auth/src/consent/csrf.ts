// CSRF protection of the consent POST (ATTACKS B12; RFC 6749 §10.12, RFC 9700 §4.7 on CSRF at
// the authorization endpoint). Two independent checks, both required:
// 1. A token bound to the pending authorization request AND to this browser: HMAC(key,
//    requestId, browser-binding cookie). Stateless: nothing to store; an attacker holding a token
//    for their own request or browser cannot use it in the victim's, and without the server key
//    cannot mint one. Rotation: minted with the newest key, accepted under any configured key.
// 2. Fetch metadata (see request-origin.ts): a cross-site POST is refused before the token is
//    even looked at.
import { createHmac } from 'node:crypto'
import { timingSafeEqualString } from '@m365mcp/crypto'
import { deriveCookieKeys } from './cookie-keys.js'

export interface Csrf {
  /** The token to embed in the consent form for this request and browser. */
  issue(requestId: string, browserBinding: string): string
  /** True only for a token issued for exactly this request id and browser binding. */
  verify(token: unknown, requestId: string, browserBinding: string): boolean
}

/** Longest token accepted before any work: a base64url HMAC-SHA-256 is 43 characters. */
const MAX_TOKEN = 64

export function createCsrf({ secrets }: { secrets: readonly string[] }): Csrf {
  const keys = deriveCookieKeys(secrets, 'csrf-token')
  // Length-prefixed fields, so ("ab","c") and ("a","bc") never produce the same MAC input.
  const mac = (key: Buffer, requestId: string, binding: string) =>
    createHmac('sha256', key)
      .update(`${requestId.length}:${requestId}|${binding.length}:${binding}`)
      .digest('base64url')

  const usable = (value: string) => typeof value === 'string' && value.length > 0

  return {
    issue(requestId, browserBinding) {
      if (!usable(requestId) || !usable(browserBinding)) {
        throw new TypeError('csrf: requestId and browserBinding are required')
      }
      return mac(keys.current, requestId, browserBinding)
    },
    verify(token, requestId, browserBinding) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN) return false
      if (!usable(requestId) || !usable(browserBinding)) return false
      // Every key is tried (no early exit), so timing does not reveal which key matched.
      let ok = false
      for (const key of keys.all) ok = timingSafeEqualString(token, mac(key, requestId, browserBinding)) || ok
      return ok
    },
  }
}
