// Which IP addresses a server-side fetch may connect to (ATTACKS E37). The CIMD draft
// "SSRF Attacks" (draft-ietf-oauth-client-id-metadata-document) forbids fetching anything that
// resolves to a special-use address of RFC 6890: only global unicast passes. Addresses that embed
// an IPv4 address (IPv4-mapped, NAT64 RFC 6052, 6to4 RFC 3056) are judged by the embedded one, so
// `::ffff:127.0.0.1` or `64:ff9b::a00:1` are loopback/private like their IPv4 form.
import { ipaddr, type IPAddress, type IPv4, type IPv6 } from './ipaddr.js'

/** Relaxations for tests and development; production leaves both off (the default). */
export interface NetworkAllowance {
  /** Permit loopback, private, link-local, CGNAT and unique-local addresses (never cloud metadata). */
  readonly allowPrivateNetworks?: boolean
  /** CIDRs (`127.0.0.1/32`, `fd12::/16`) permitted even though special-use; never cloud metadata. */
  readonly allowedCidrs?: readonly string[]
}

export type AddressVerdict =
  | { readonly allowed: true; readonly address: string; readonly family: 4 | 6 }
  | { readonly allowed: false; readonly address: string; readonly range: string }

export interface SsrfGuard {
  /** Judges one textual IP address (as DNS or a URL host yields it, brackets removed). */
  check(address: string): AddressVerdict
}

// Instance metadata endpoints: refused even when private networks are allowed, since reaching them
// from a cloud host hands out the host's credentials.
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200']

// Ranges a private-network allowance relaxes; everything else special-use stays refused.
const PRIVATE_RANGES = new Set(['loopback', 'private', 'linkLocal', 'carrierGradeNat', 'uniqueLocal'])

/** The IPv4 address an IPv6 address carries, for the transition forms that carry one. */
function embeddedIPv4(ip: IPv6): IPv4 | null {
  const range = ip.range()
  const bytes = ip.toByteArray()
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return ipaddr.fromByteArray(bytes.slice(12)) as IPv4
  }
  if (range === '6to4') return ipaddr.fromByteArray(bytes.slice(2, 6)) as IPv4
  // IPv4-compatible ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated) is reported as unicast by ipaddr.js.
  if (range === 'unicast' && bytes.slice(0, 12).every((b: number) => b === 0)) {
    return ipaddr.fromByteArray(bytes.slice(12)) as IPv4
  }
  return null
}

function parseCidrs(cidrs: readonly string[]): Array<[IPAddress, number]> {
  return cidrs.map((cidr) => {
    try {
      return ipaddr.parseCIDR(cidr)
    } catch {
      throw new TypeError(`ssrf-guard: invalid CIDR in allowedCidrs: ${cidr}`)
    }
  })
}

export function createSsrfGuard(allowance: NetworkAllowance = {}): SsrfGuard {
  const allowedCidrs = parseCidrs(allowance.allowedCidrs ?? [])
  const metadata = METADATA_ADDRESSES.map((a) => ipaddr.parse(a).toNormalizedString())

  const inAllowedCidr = (ip: IPAddress): boolean =>
    allowedCidrs.some(([net, bits]) => ip.kind() === net.kind() && ip.match(net, bits))

  function judge(ip: IPAddress): { allowed: true } | { allowed: false; range: string } {
    if (metadata.includes(ip.toNormalizedString())) return { allowed: false, range: 'cloudMetadata' }
    if (ip.kind() === 'ipv6') {
      const inner = embeddedIPv4(ip as IPv6)
      if (inner !== null) {
        const verdict = judge(inner)
        return verdict.allowed ? verdict : { allowed: false, range: `embedded:${verdict.range}` }
      }
    }
    const range = ip.range()
    if (range === 'unicast') return { allowed: true }
    if (inAllowedCidr(ip)) return { allowed: true }
    if (allowance.allowPrivateNetworks === true && PRIVATE_RANGES.has(range)) return { allowed: true }
    return { allowed: false, range }
  }

  return {
    check(address) {
      const text = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address
      // Only canonical dotted-quad IPv4 or IPv6 text: DNS answers and WHATWG-normalised hosts are
      // always canonical, so anything else (e.g. `0x7f.1`, which ipaddr.js would accept) is refused.
      if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) {
        return { allowed: false, address, range: 'notAnAddress' }
      }
      const ip = ipaddr.parse(text)
      const verdict = judge(ip)
      if (!verdict.allowed) return { allowed: false, address: text, range: verdict.range }
      return { allowed: true, address: text, family: ip.kind() === 'ipv4' ? 4 : 6 }
    },
  }
}
