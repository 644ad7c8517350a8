// Response headers of every HTML page of the authorization server (ATTACKS B13, B17).
// - Clickjacking: CSP `frame-ancestors 'none'` (CSP3 §6.4.2) and `X-Frame-Options: DENY`
//   (RFC 7034) for browsers without CSP3; RFC 9700 §4.16.
// - No script, no external resource: `default-src 'none'`, styles only by nonce, `base-uri 'none'`.
// - `form-action`: the consent form posts to 'self', and the server answers 303 to Entra (approve)
//   or to the client's redirect URI (deny, or a remembered approval later in the chain). Chrome
//   and Safari apply form-action to every redirect that follows a form submission (CSP3 §6.4.1
//   "navigation request … redirect"), so the consent page's policy lists exactly those targets:
//   'self', the Entra authority origin, and the validated redirect URI's origin (or, for a
//   private-use scheme such as cursor://, that scheme). Entra itself answers its authorize
//   request with its login page or a redirect to our /callback ('self'), from where we redirect to
//   the client: all covered. Pages without a form (error pages) get `form-action 'none'`.
// - `Referrer-Policy: no-referrer` (ATTACKS B17), `Cache-Control: no-store` (RFC 9111 §5.2.2.5:
//   pages carry CSRF tokens), `X-Content-Type-Options: nosniff`, `Cross-Origin-Opener-Policy:
//   same-origin` (a cross-origin opener cannot script or navigate the window).
import { assertCspNonce } from './csp-nonce.js'

export interface HtmlPageHeaderOptions {
  readonly nonce: string
  /** Where a form on this page may navigate: URLs or origins; 'self' is always included. */
  readonly formActionTargets?: readonly string[]
}

/** A CSP scheme-source name (RFC 3986 §3.1) that is not a web scheme. */
const PRIVATE_SCHEME = /^[a-z][a-z0-9+.-]*$/
const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:'])
const NEVER = new Set(['data:', 'javascript:', 'blob:', 'file:', 'filesystem:', 'about:'])

/**
 * The CSP source expression allowing navigation to `target`: its origin for http(s), its scheme
 * for a private-use scheme. Throws on anything else, so a policy is never widened by accident
 * (a bare `https:` would allow every site).
 */
export function formActionSource(target: string): string {
  const url = new URL(target)
  if (WEB_SCHEMES.has(url.protocol)) {
    if (url.origin === 'null' || url.hostname === '') throw new TypeError('form-action: no origin')
    // CSP host-source grammar (CSP3 §2.3.1) has no IPv6 literal: a loopback client on [::1] gets
    // its scheme. Harmless here: the page has no injectable markup, form-action is defence in depth.
    return url.hostname.startsWith('[') ? url.protocol : url.origin
  }
  const scheme = url.protocol.slice(0, -1)
  if (NEVER.has(url.protocol) || !PRIVATE_SCHEME.test(scheme)) {
    throw new TypeError(`form-action: scheme ${url.protocol} not allowed`)
  }
  return `${scheme}:`
}

export function contentSecurityPolicy({ nonce, formActionTargets }: HtmlPageHeaderOptions): string {
  const sources = formActionTargets === undefined ? ["'none'"] : ["'self'"]
  for (const target of formActionTargets ?? []) {
    const source = formActionSource(target)
    if (!sources.includes(source)) sources.push(source)
  }
  return [
    "default-src 'none'",
    `style-src 'nonce-${assertCspNonce(nonce)}'`,
    `form-action ${sources.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
}

/** Headers to set on an HTML page response; pass `formActionTargets` for a page with a form. */
export function htmlPageHeaders(options: HtmlPageHeaderOptions): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(options),
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'cross-origin-opener-policy': 'same-origin',
  }
}
