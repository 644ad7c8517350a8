// Redirect URI policy: what may be registered (RFC 7591 §2, RFC 8252 §7, OAuth 2.1 §2.3.1; syntax
// in redirect-uri-syntax.ts) and which registered URI an authorization request may use (RFC 6749
// §3.1.2.3 simple string comparison, RFC 9700 §4.1.3 exact match; loopback port per RFC 8252 §7.3).
// ATTACKS A1, A2, E36. Only a match mints a ValidatedRedirect; a mismatch is rendered locally.
import { AuthorizeLocalError, OAuthError } from './errors.js'
import { loopbackMatches } from './loopback-redirect.js'
import { checkRedirectUriSyntax, type RedirectUriKind } from './redirect-uri-syntax.js'
import { mintValidatedRedirect, type ValidatedRedirect } from './validated-redirect.js'

export type { RedirectUriKind } from './redirect-uri-syntax.js'

/** Claude, Cursor, VS Code (stable and Insiders) and Windsurf desktop callbacks. */
export const DEFAULT_PRIVATE_USE_SCHEMES = [
  'cursor',
  'vscode',
  'vscode-insiders',
  'windsurf',
  'claude',
] as const

// Never acceptable as a "private-use" scheme, whatever the configuration says.
const FORBIDDEN_SCHEMES = new Set([
  'http',
  'https',
  'javascript',
  'data',
  'file',
  'vbscript',
  'blob',
  'about',
])

export interface RedirectUriPolicyOptions {
  readonly privateUseSchemes?: readonly string[]
  /** Default 2000 characters. */
  readonly maxLength?: number
}

export interface RedirectUriPolicy {
  /** Registration check: the URI's kind, or OAuthError `invalid_redirect_uri` (RFC 7591 §3.2.2). */
  checkRegistration(uri: string): RedirectUriKind
  /**
   * /authorize: the redirect to use for `requested` (undefined when the parameter was absent),
   * given the client's registered URIs; AuthorizeLocalError when none matches.
   */
  resolve(requested: string | undefined, registered: readonly string[]): ValidatedRedirect
}

export function createRedirectUriPolicy(options: RedirectUriPolicyOptions = {}): RedirectUriPolicy {
  const schemes = options.privateUseSchemes ?? DEFAULT_PRIVATE_USE_SCHEMES
  for (const scheme of schemes) {
    if (!/^[a-z][a-z0-9+.-]*$/.test(scheme) || FORBIDDEN_SCHEMES.has(scheme)) {
      throw new TypeError(`not a usable private-use URI scheme: ${scheme}`)
    }
  }
  const privateUse = new Set(schemes)
  const maxLength = options.maxLength ?? 2000
  const check = (uri: string) => checkRedirectUriSyntax(uri, privateUse, maxLength)
  const mismatch = () =>
    new AuthorizeLocalError('invalid_request', 'redirect_uri is not registered for this client')

  return {
    checkRegistration(uri) {
      const result = check(uri)
      if (!result.ok) throw new OAuthError('invalid_redirect_uri', `redirect_uri ${result.reason}`)
      return result.kind
    },

    resolve(requested, registered) {
      if (requested === undefined) {
        // OAuth 2.1 §4.1.1: optional only when exactly one URI is registered.
        const only = registered.length === 1 ? registered[0] : undefined
        if (only === undefined) {
          throw new AuthorizeLocalError('invalid_request', 'redirect_uri is required for this client')
        }
        requested = only
      }
      // Re-checked against today's policy: a scheme removed from the allowlist stops working.
      const syntax = check(requested)
      if (!syntax.ok) throw mismatch()
      if (registered.includes(requested)) return mintValidatedRedirect(requested)
      if (syntax.kind === 'loopback') {
        for (const candidate of registered) {
          const registeredCheck = check(candidate)
          if (
            registeredCheck.ok &&
            registeredCheck.kind === 'loopback' &&
            loopbackMatches(candidate, requested)
          ) {
            return mintValidatedRedirect(requested)
          }
        }
      }
      throw mismatch()
    },
  }
}
