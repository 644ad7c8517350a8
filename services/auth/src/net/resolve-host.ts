// DNS resolution done by us rather than by the socket, so every address a name resolves to is
// vetted before any connection (ATTACKS E37): a name with one private answer among public ones is
// refused outright, since the socket could pick any of them.
import { lookup } from 'node:dns/promises'
import { SafeFetchError } from './safe-fetch-error.js'
import type { SsrfGuard } from './ssrf-guard.js'

export interface ResolvedAddress {
  readonly address: string
  readonly family: 4 | 6
}

/** Resolves a host name to all its addresses; injectable so tests can play a rebinding DNS. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>

export const systemResolver: HostResolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true })
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
}

/** The host of a WHATWG URL without IPv6 brackets. */
const bareHost = (hostname: string): string =>
  hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname

const isIpLiteral = (host: string): boolean => /^[0-9.]+$/.test(host) || host.includes(':')

/**
 * The vetted addresses of a URL host: an IP literal is judged as is (WHATWG parsing has already
 * turned decimal, octal and hex IPv4 forms into dotted quads), a name is resolved and every answer
 * must pass. Throws SafeFetchError `address_not_allowed` or `dns_failure`.
 */
export async function resolveVetted(
  hostname: string,
  guard: SsrfGuard,
  resolve: HostResolver,
): Promise<ResolvedAddress[]> {
  const host = bareHost(hostname)
  let candidates: readonly ResolvedAddress[]
  if (isIpLiteral(host)) {
    candidates = [{ address: host, family: host.includes(':') ? 6 : 4 }]
  } else {
    try {
      candidates = await resolve(host)
    } catch (cause) {
      throw new SafeFetchError('dns_failure', `could not resolve ${host}`, { cause })
    }
    if (candidates.length === 0) throw new SafeFetchError('dns_failure', `no address for ${host}`)
  }
  const vetted: ResolvedAddress[] = []
  for (const candidate of candidates) {
    const verdict = guard.check(candidate.address)
    if (!verdict.allowed) {
      throw new SafeFetchError(
        'address_not_allowed',
        `${host} resolves to ${verdict.address} (${verdict.range})`,
      )
    }
    vetted.push({ address: verdict.address, family: verdict.family })
  }
  return vetted
}
