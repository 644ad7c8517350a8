// Remembered approvals (ATTACKS B16): one signed cookie per client, so approving client A never
// approves client B (the confused-deputy rule of the MCP Security Best Practices is per client).
// - Name `__Host-mcp-consent-<first 16 base64url chars of sha256(client_id)>`: the `__Host-`
//   prefix (RFC 6265bis §4.1.3.2) forces Secure, Path=/ and no Domain, so no sibling subdomain
//   or plain-http page can plant or overwrite it. One cookie per client rather than one map:
//   each stays far below the 4096-byte limit and expires on its own; browsers keep ≥ 50 per site.
// - Value `base64url(JSON payload) "." HMAC-SHA-256(payload)`; the payload repeats the client_id,
//   so a cookie renamed to another client's name does not verify.
// - Approval holds only for the same client_id, the same redirect_uri (exactly), the same
//   resource, requested scopes ⊆ approved scopes, and before `exp`.
// - http://localhost development: browsers treat localhost as a secure context and accept (and
//   send) Secure and __Host- cookies on it (Chrome ≥ 89, Firefox ≥ 75, Safari has exceptions).
import { createHmac } from 'node:crypto'
import { sha256, timingSafeEqualString } from '@m365mcp/crypto'
import { z } from 'zod'
import { deriveCookieKeys } from './cookie-keys.js'

export interface ConsentApproval {
  readonly clientId: string
  readonly redirectUri: string
  readonly scopes: readonly string[]
  readonly resource: string
}

export interface IssuedCookie {
  readonly name: string
  readonly value: string
  /** The complete `Set-Cookie` header value. */
  readonly header: string
}

export interface ConsentCookies {
  /** The cookie name for `clientId`. */
  name(clientId: string): string
  /** A cookie remembering `approval` for the configured lifetime. */
  issue(approval: ConsentApproval): IssuedCookie
  /** True when `cookies` hold a valid, unexpired approval covering `request`. */
  isApproved(cookies: Readonly<Record<string, string | undefined>>, request: ConsentApproval): boolean
  /** A `Set-Cookie` header value deleting the cookie of `clientId`. */
  clear(clientId: string): string
}

export interface ConsentCookieOptions {
  /** COOKIE_SECRETS, newest first. */
  readonly secrets: readonly string[]
  /** Lifetime of a remembered approval in ms (CONSENT_TTL; default 30 days). */
  readonly ttlMs?: number
  readonly now?: () => number
}

export const CONSENT_COOKIE_PREFIX = '__Host-mcp-consent-'
const DEFAULT_TTL_MS = 30 * 86_400_000
const MAX_VALUE = 4096
const ATTRIBUTES = 'Path=/; Secure; HttpOnly; SameSite=Lax'

const payloadSchema = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.string().min(1),
  scopes: z.array(z.string()),
  resource: z.string().min(1),
  exp: z.number().int(),
})

export function createConsentCookies(options: ConsentCookieOptions): ConsentCookies {
  const keys = deriveCookieKeys(options.secrets, 'consent-cookie')
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS
  const now = options.now ?? Date.now
  if (!Number.isInteger(ttlMs) || ttlMs < 1000) throw new TypeError('consent cookie: ttlMs must be ≥ 1000')

  const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url')
  const name = (clientId: string) => CONSENT_COOKIE_PREFIX + sha256(clientId).slice(0, 16)

  function verify(value: string): z.infer<typeof payloadSchema> | null {
    if (value.length > MAX_VALUE) return null
    const [payload, signature, extra] = value.split('.')
    if (!payload || !signature || extra !== undefined) return null
    let valid = false
    for (const key of keys.all) valid = timingSafeEqualString(signature, sign(key, payload)) || valid
    if (!valid) return null
    try {
      const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  return {
    name,
    issue(approval) {
      const exp = now() + ttlMs
      const payload = Buffer.from(
        JSON.stringify({
          client_id: approval.clientId,
          redirect_uri: approval.redirectUri,
          scopes: [...new Set(approval.scopes)],
          resource: approval.resource,
          exp,
        }),
      ).toString('base64url')
      const value = `${payload}.${sign(keys.current, payload)}`
      const cookieName = name(approval.clientId)
      const maxAge = Math.floor(ttlMs / 1000)
      return { name: cookieName, value, header: `${cookieName}=${value}; Max-Age=${maxAge}; ${ATTRIBUTES}` }
    },
    isApproved(cookies, request) {
      const value = cookies[name(request.clientId)]
      if (typeof value !== 'string') return false
      const approved = verify(value)
      if (approved === null || approved.exp <= now()) return false
      if (approved.client_id !== request.clientId) return false
      if (approved.redirect_uri !== request.redirectUri || approved.resource !== request.resource)
        return false
      const granted = new Set(approved.scopes)
      return request.scopes.every((scope) => granted.has(scope))
    },
    clear(clientId) {
      return `${name(clientId)}=; Max-Age=0; ${ATTRIBUTES}`
    },
  }
}
