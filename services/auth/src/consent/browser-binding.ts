// The browser-binding cookie (ATTACKS B15, C20; RFC 9700 §4.7.1 "bind the state to the user
// agent"). A random value lives only in this HttpOnly cookie; the server keeps only its sha256,
// with the pending consent (the CSRF token is bound to it, see csrf.ts) and with the upstream
// Entra transaction. /callback completes only when the browser presents the matching cookie, so
// a callback URL replayed in another browser (or an attacker's Entra code injected into the
// victim's browser) finds no transaction bound to it.
// `__Host-` prefix: Secure, Path=/, no Domain (RFC 6265bis §4.1.3.2). SameSite=Lax: sent on the
// top-level GET redirect back from Entra (query response mode; a form_post response would need
// SameSite=None). Ten minutes: the lifetime of the pending request and the upstream state.
import { randomToken, sha256, timingSafeEqualString } from '@m365mcp/crypto'

export const BROWSER_BINDING_COOKIE = '__Host-mcp-tx'
export const BROWSER_BINDING_MAX_AGE_SECONDS = 600

/** randomToken(32): 256 bits, 43 base64url characters. */
const VALUE = /^[A-Za-z0-9_-]{43}$/

export interface BrowserBinding {
  /** The cookie value (secret: never logged, never stored). */
  readonly value: string
  /** sha256(value), what the server stores next to the transaction. */
  readonly hash: string
  /** `Set-Cookie` header value (re)setting the cookie with a fresh Max-Age. */
  readonly setCookie: string
}

const header = (value: string, maxAge: number) =>
  `${BROWSER_BINDING_COOKIE}=${value}; Max-Age=${maxAge}; Path=/; Secure; HttpOnly; SameSite=Lax`

/** The well-formed binding value in `cookies`, or null. */
export function readBrowserBinding(cookies: Readonly<Record<string, string | undefined>>): string | null {
  const value = cookies[BROWSER_BINDING_COOKIE]
  return typeof value === 'string' && VALUE.test(value) ? value : null
}

/**
 * The browser's binding, reusing a well-formed existing cookie (two tabs authorizing at once
 * must not invalidate each other) and refreshing its lifetime; a new random one otherwise.
 */
export function ensureBrowserBinding(cookies: Readonly<Record<string, string | undefined>>): BrowserBinding {
  const value = readBrowserBinding(cookies) ?? randomToken(32)
  return { value, hash: sha256(value), setCookie: header(value, BROWSER_BINDING_MAX_AGE_SECONDS) }
}

/** True when `cookies` carry the binding whose hash was stored as `storedHash`. */
export function matchesBrowserBinding(
  cookies: Readonly<Record<string, string | undefined>>,
  storedHash: string,
): boolean {
  const value = readBrowserBinding(cookies)
  return value !== null && typeof storedHash === 'string' && timingSafeEqualString(sha256(value), storedHash)
}

/** `Set-Cookie` header value removing the binding once its transaction completed. */
export const clearBrowserBinding = (): string => header('', 0)
