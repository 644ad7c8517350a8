// An undici dispatcher whose every connection goes to one vetted address (ATTACKS E37, DNS
// rebinding): the connector never resolves the name again, so a second DNS answer cannot move the
// connection. TLS still uses the original name for SNI and certificate checks, and undici sends it
// as Host, so virtual hosting keeps working.
import { Agent, buildConnector } from 'undici'
import type { ResolvedAddress } from './resolve-host.js'

export interface PinnedAgentOptions {
  readonly hostname: string
  readonly address: ResolvedAddress
  readonly connectTimeoutMs: number
  /** Extra trusted CA certificates (PEM), e.g. a test server's self-signed certificate. */
  readonly ca?: string | readonly string[]
}

const isIpLiteral = (host: string): boolean => /^[0-9.]+$/.test(host) || host.includes(':')

export function createPinnedAgent(options: PinnedAgentOptions): Agent {
  const host = options.hostname.replace(/^\[(.*)\]$/, '$1')
  const connector = buildConnector({
    timeout: options.connectTimeoutMs,
    ...(options.ca === undefined
      ? {}
      : { ca: typeof options.ca === 'string' ? options.ca : [...options.ca] }),
  })
  return new Agent({
    // One request per agent: no keep-alive pool that outlives the vetting.
    pipelining: 0,
    connect: (connectOptions, callback) => {
      connector(
        {
          ...connectOptions,
          hostname: options.address.address,
          // SNI must be a name, never an IP literal (RFC 6066 §3).
          servername: isIpLiteral(host) ? '' : host,
        },
        callback,
      )
    },
  })
}
