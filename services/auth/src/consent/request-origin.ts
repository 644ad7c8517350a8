// Is this state-changing request from our own pages? (ATTACKS B12; Fetch Metadata, W3C
// "Fetch Metadata Request Headers" §2.1 Sec-Fetch-Site; RFC 6454 §7 Origin; OWASP CSRF
// Prevention "Verifying origin with standard headers"). Rules, in order:
// - `Origin` present: it must equal our public origin exactly. `Origin: null` is what a browser
//   sends for a form POST from our own consent page, whose `Referrer-Policy: no-referrer` makes
//   the request's origin serialise as null (Fetch §3.1.4 "serializing a request origin"); it is
//   accepted only with `Sec-Fetch-Site: same-origin`, which the referrer policy does not touch.
//   Without it (sandboxed frames, privacy-sensitive redirects, file: pages) it is refused.
// - `Sec-Fetch-Site` present: it must be `same-origin`. `same-site` is refused too (a sibling
//   subdomain is another trust domain); `none` (typed URL, bookmark) cannot produce a form POST.
// - Both absent: allowed. Browsers since 2020 send Origin on every POST, so this is a
//   non-browser or very old agent, for which the CSRF token remains the defence.

export type OriginVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'foreign-origin' | 'opaque-origin' | 'cross-site-fetch' }

export interface RequestOriginHeaders {
  readonly origin?: string | string[] | undefined
  readonly 'sec-fetch-site'?: string | string[] | undefined
}

/** Checks the request headers against `expectedOrigin` (e.g. `https://mcp.example.com`). */
export function checkRequestOrigin(headers: RequestOriginHeaders, expectedOrigin: string): OriginVerdict {
  const expected = new URL(expectedOrigin).origin
  const origin = headers.origin
  const site = headers['sec-fetch-site']

  if (origin !== undefined) {
    // A repeated header is never what a browser sends.
    if (typeof origin !== 'string') return { ok: false, reason: 'foreign-origin' }
    if (origin.trim() === 'null') {
      if (typeof site !== 'string' || site.toLowerCase() !== 'same-origin')
        return { ok: false, reason: 'opaque-origin' }
    } else if (origin.toLowerCase() !== expected) return { ok: false, reason: 'foreign-origin' }
  }
  if (site !== undefined && (typeof site !== 'string' || site.toLowerCase() !== 'same-origin')) {
    return { ok: false, reason: 'cross-site-fetch' }
  }
  return { ok: true }
}
