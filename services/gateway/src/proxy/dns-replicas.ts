// TOOLS_UPSTREAM_DNS: one name whose A/AAAA records are the tools replicas (a Kubernetes headless
// service, a compose service scaled out). Resolved through the system resolver (getaddrinfo, so
// /etc/hosts applies) and again every refresh interval; a failed lookup keeps the last good set.
import { lookup as systemLookup } from 'node:dns/promises'
import type { Logger } from 'pino'
import type { ReplicaPool } from './replica-pool.js'

export type Lookup = (host: string) => Promise<readonly { address: string; family: number }[]>

const defaultLookup: Lookup = (host) => systemLookup(host, { all: true, verbatim: true })

export function splitHostPort(hostPort: string): { host: string; port: number } {
  const at = hostPort.lastIndexOf(':')
  const host = hostPort.slice(0, at).replace(/^\[(.*)\]$/, '$1')
  return { host, port: Number(hostPort.slice(at + 1)) }
}

export async function resolveReplicaUrls(
  hostPort: string,
  lookup: Lookup = defaultLookup,
): Promise<string[]> {
  const { host, port } = splitHostPort(hostPort)
  const addresses = await lookup(host)
  return addresses.map(({ address, family }) =>
    family === 6 ? `http://[${address}]:${port}` : `http://${address}:${port}`,
  )
}

export interface DnsReplicaSource {
  /** Resolves once now (the pool is empty until it did). */
  start(): Promise<void>
  stop(): void
}

export function watchDnsReplicas(options: {
  hostPort: string
  pool: ReplicaPool
  refreshMs: number
  logger: Pick<Logger, 'warn'>
  lookup?: Lookup
}): DnsReplicaSource {
  let timer: NodeJS.Timeout | undefined
  const refresh = async () => {
    try {
      const urls = await resolveReplicaUrls(options.hostPort, options.lookup)
      if (urls.length > 0) options.pool.setReplicas(urls)
    } catch (err) {
      options.logger.warn(
        { err, name: options.hostPort },
        'tools replicas: DNS lookup failed, keeping the last set',
      )
    }
  }
  return {
    async start() {
      await refresh()
      timer ??= setInterval(() => void refresh(), options.refreshMs)
      timer.unref()
    },
    stop() {
      clearInterval(timer)
      timer = undefined
    },
  }
}
