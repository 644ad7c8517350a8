// Which peers may speak for the client through X-Forwarded-* (Fastify's `trustProxy`, proxy-addr
// semantics). The gateway is normally the edge, so nothing is trusted by default: a client could
// otherwise pick the address the auth service logs and rate-limits.
import { isIP } from 'node:net'

export type TrustProxy = boolean | number | string[]

type Parsed = { ok: true; value: TrustProxy } | { ok: false; reason: string }

const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal'])

export function parseTrustProxy(raw: string): Parsed {
  const value = raw.trim().toLowerCase()
  if (value === '' || value === 'false') return { ok: true, value: false }
  if (value === 'true') return { ok: true, value: true }
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    return hops >= 1 && hops <= 10
      ? { ok: true, value: hops }
      : { ok: false, reason: 'a hop count must be between 1 and 10' }
  }
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  for (const item of items) {
    if (NAMED.has(item)) continue
    const [address, bits, extra] = item.split('/')
    const family = isIP(address ?? '')
    const maxBits = family === 4 ? 32 : 128
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits)
    if (family === 0 || !bitsOk || extra !== undefined)
      return {
        ok: false,
        reason: 'must be false, true, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal',
      }
  }
  return { ok: true, value: items }
}

/** Fastify's typing has no hop count; proxy-addr's meaning of one is "trust the first n hops". */
export function fastifyTrustProxy(
  value: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value
  return value
}
