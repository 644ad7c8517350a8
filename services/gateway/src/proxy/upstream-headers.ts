// The headers sent upstream: the client's, minus hop-by-hop and spoofable identity headers, with
// X-Forwarded-For/Proto/Host rebuilt from what Fastify's trustProxy believes (only a trusted proxy's
// values survive; otherwise the peer address and this listener's scheme and Host).
import type { IncomingHttpHeaders } from 'node:http'
import { connectionTokens, isHopByHop } from './hop-by-hop.js'
import { isForwardingHeader, isIdentityHeader } from './identity-headers.js'

export interface ForwardedFor {
  /** Client first, then each trusted proxy (Fastify `request.ips` reversed). */
  chain: readonly string[]
  /** `http` or `https` as the client used it (Fastify `request.protocol`). */
  proto: string
  /** The Host the client asked for (Fastify `request.host`). */
  host: string
}

export interface UpstreamHeaderOptions {
  forwarded: ForwardedFor
  /** Drop Accept-Encoding so the upstream answers uncompressed (streamed MCP responses). */
  identityEncoding?: boolean
}

export function upstreamHeaders(
  inbound: IncomingHttpHeaders,
  { forwarded, identityEncoding = false }: UpstreamHeaderOptions,
): Record<string, string | string[]> {
  const listed = connectionTokens(inbound.connection)
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of Object.entries(inbound)) {
    if (value === undefined) continue
    if (isHopByHop(name, listed) || isIdentityHeader(name) || isForwardingHeader(name)) continue
    // undici sets Host from the upstream origin; the client's Host travels as X-Forwarded-Host.
    if (name === 'host') continue
    // Node already answered `Expect: 100-continue` to the client; undici refuses the header.
    if (name === 'expect') continue
    if (identityEncoding && name === 'accept-encoding') continue
    // The gateway owns the trace context it sends on (W3C Trace Context, docs/tracing.md): a client's
    // traceparent must not reach the services as their parent (nor sit beside the gateway's own).
    if (name === 'traceparent' || name === 'tracestate') continue
    out[name] = value
  }
  out['x-forwarded-for'] = forwarded.chain.join(', ')
  out['x-forwarded-proto'] = forwarded.proto
  out['x-forwarded-host'] = forwarded.host
  return out
}
