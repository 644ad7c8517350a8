// The source of a request as the limiters count it: the peer address Fastify reports (request.ip,
// after the service's TRUST_PROXY rules), IPv4 as is, IPv6 by /64 (one customer network, which can
// rotate addresses within it freely), unparseable text as one shared bucket.
import { ipaddr } from './ipaddr.js'

export function sourceBucket(ip: string): string {
  if (!ipaddr.isValid(ip)) return 'unknown'
  const parsed = ipaddr.process(ip) // IPv4-mapped IPv6 becomes IPv4
  if (parsed.kind() === 'ipv4') return parsed.toString()
  const bytes = parsed.toByteArray().slice(0, 8).concat([0, 0, 0, 0, 0, 0, 0, 0])
  return `${ipaddr.fromByteArray(bytes).toString()}/64`
}
