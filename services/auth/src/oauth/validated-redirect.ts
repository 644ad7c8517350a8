// The authorization endpoint may send the browser back to a client only through a redirect URI
// that matched the client's registration (RFC 6749 §3.1.2.4, RFC 9700 §4.1). That rule is carried
// by a type: a ValidatedRedirect cannot be written as an object literal (its brand key is a
// private symbol), and a runtime registry catches values forged with a type assertion.
// Only redirect-uri.ts mints one (test/oauth/validated-redirect.test.ts checks that statically).

declare const brand: unique symbol

/** A redirect URI the current request may be redirected to; mint with redirect-uri.ts only. */
export interface ValidatedRedirect {
  /** The exact URI to redirect to: the registered one, or for loopback its port-varied form. */
  readonly uri: string
  readonly [brand]: true
}

const minted = new WeakSet<object>()

/** Only for redirect-uri.ts, after its exact or loopback match succeeded. */
export function mintValidatedRedirect(uri: string): ValidatedRedirect {
  const redirect = Object.freeze({ uri }) as unknown as ValidatedRedirect
  minted.add(redirect)
  return redirect
}

/** True only for values minted above (not for look-alike objects made by a cast). */
export function isValidatedRedirect(value: unknown): value is ValidatedRedirect {
  return typeof value === 'object' && value !== null && minted.has(value)
}
