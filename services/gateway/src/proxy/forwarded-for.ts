// The client as Fastify's trustProxy sees it: the address chain (client first, each trusted proxy,
// then our peer), the scheme and the Host the client used. Untrusted X-Forwarded-* never count.
import type { FastifyRequest } from 'fastify'
import type { ForwardedFor } from './upstream-headers.js'

export function forwardedFor(request: FastifyRequest): ForwardedFor {
  // request.ips is closest-first and stops at the first untrusted address; only set with trustProxy.
  const chain = request.ips && request.ips.length > 0 ? [...request.ips].reverse() : [request.ip]
  return { chain, proto: request.protocol, host: request.host }
}
