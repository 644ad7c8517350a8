// Upstream response headers as passed to the client: hop-by-hop removed (RFC 9110 §7.6.1);
// everything else, Set-Cookie and Location included, as the upstream sent it.
import type { OutgoingHttpHeaders } from 'node:http'
import { connectionTokens, isHopByHop } from './hop-by-hop.js'

export type UpstreamHeaders = Record<string, string | string[] | undefined>

export function responseHeaders(upstream: UpstreamHeaders): OutgoingHttpHeaders {
  const listed = connectionTokens(upstream.connection)
  const out: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(upstream)) {
    if (value === undefined || isHopByHop(name, listed)) continue
    out[name.toLowerCase()] = value
  }
  return out
}
