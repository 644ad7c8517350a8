// The answer to a consent POST (ATTACKS B18): 303 See Other, which the browser follows with a GET
// and without the form body (RFC 9110 §15.4.4; RFC 9700 §4.12: a 307 would re-post the form,
// credentials included, to the next host). The redirect response itself carries
// `Referrer-Policy: no-referrer`, which governs the Referer of the redirected request (Fetch
// §4.4 "HTTP-redirect fetch" step 14), and `Cache-Control: no-store` (a Location may carry a code).
import { isSameOriginPath } from './same-origin-path.js'

/** The part of a Fastify reply this helper needs (kept structural: the module stays pure). */
export interface RedirectReply<R> {
  code(statusCode: number): R
  header(name: string, value: string): R
  send(payload?: unknown): R
}

const SCRIPTABLE = new Set(['javascript:', 'data:', 'vbscript:', 'blob:', 'file:'])

/**
 * Redirect with 303 to `location`: an absolute URL the caller validated or built (the client's
 * redirect URI, Entra's authorize URL) or a path on this origin.
 */
export function seeOther<R extends RedirectReply<R>>(reply: R, location: string): R {
  let target = location
  if (!isSameOriginPath(location)) {
    const url = new URL(location)
    if (SCRIPTABLE.has(url.protocol)) throw new TypeError(`seeOther: refusing a ${url.protocol} location`)
    target = url.href
  }
  return reply
    .code(303)
    .header('location', target)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send()
}
