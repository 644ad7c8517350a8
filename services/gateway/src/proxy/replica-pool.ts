// The tools replicas and their health. Round robin over the healthy ones; an active check (GET
// /healthz every interval) moves a replica down after a failure and up after a pass, and a
// connection error seen by the proxy moves it down at once. The set itself can change (DNS
// re-resolution): replicas that stay keep their state, new ones start up and are checked at once.
import type { Dispatcher } from 'undici'
import type { Logger } from 'pino'

export interface Replica {
  readonly url: string
  healthy: boolean
}

export interface ReplicaPool {
  /** The next healthy replica not in `exclude`, round robin; undefined when none is left. */
  pick(exclude?: ReadonlySet<string>): Replica | undefined
  markDown(url: string, reason: string): void
  setReplicas(urls: readonly string[]): void
  list(): readonly Replica[]
  healthyCount(): number
  /** Runs one round of health checks now (also what the interval runs). */
  checkAll(): Promise<void>
  start(): void
  close(): void
}

export interface ReplicaPoolOptions {
  dispatcher: Dispatcher
  intervalMs: number
  timeoutMs: number
  logger: Pick<Logger, 'info' | 'warn'>
  healthPath?: string
}

export function createReplicaPool(options: ReplicaPoolOptions): ReplicaPool {
  const healthPath = options.healthPath ?? '/healthz'
  let replicas: Replica[] = []
  let cursor = 0
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined

  function setHealth(replica: Replica, healthy: boolean, reason: string) {
    if (replica.healthy === healthy) return
    replica.healthy = healthy
    if (healthy) options.logger.info({ replica: replica.url }, 'tools replica up')
    else options.logger.warn({ replica: replica.url, reason }, 'tools replica down')
  }

  async function check(replica: Replica): Promise<void> {
    try {
      const response = await options.dispatcher.request({
        origin: replica.url,
        path: healthPath,
        method: 'GET',
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      await response.body.dump()
      const ok = response.statusCode >= 200 && response.statusCode < 300
      setHealth(replica, ok, ok ? 'passed' : `health check answered ${response.statusCode}`)
    } catch (error) {
      setHealth(replica, false, (error as { code?: string }).code ?? (error as Error).name)
    }
  }

  const pool: ReplicaPool = {
    pick(exclude) {
      const candidates = replicas.filter((r) => r.healthy && !exclude?.has(r.url))
      if (candidates.length === 0) return undefined
      const replica = candidates[cursor % candidates.length]
      cursor = (cursor + 1) % 1_000_000_007
      return replica
    },
    markDown(url, reason) {
      const replica = replicas.find((r) => r.url === url)
      if (replica) setHealth(replica, false, reason)
    },
    setReplicas(urls) {
      const known = new Map(replicas.map((r) => [r.url, r]))
      const next = [...new Set(urls)].map((url) => known.get(url) ?? { url, healthy: true })
      const added = next.filter((r) => !known.has(r.url))
      replicas = next
      if (added.length > 0) void Promise.all(added.map(check))
    },
    list: () => replicas,
    healthyCount: () => replicas.filter((r) => r.healthy).length,
    checkAll() {
      // One round at a time: a slow replica must not stack up checks.
      running ??= Promise.all(replicas.map(check)).then(() => {
        running = undefined
      })
      return running
    },
    start() {
      if (timer) return
      timer = setInterval(() => void pool.checkAll(), options.intervalMs)
      timer.unref()
    },
    close() {
      clearInterval(timer)
      timer = undefined
    },
  }
  return pool
}
