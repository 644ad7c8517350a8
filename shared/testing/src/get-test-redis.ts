import { findExecutable } from './find-executable.js'
import { containerEngineAvailable, startRedisContainer } from './redis-container.js'
import { startRedisServer } from './redis-server-process.js'
import type { TestRedis } from './test-redis.js'
import { waitForRedis } from './wait-for-redis.js'

export interface ResolveTestRedisOptions {
  /** The environment to read REDIS_URL and PATH from. */
  env: NodeJS.ProcessEnv
  /** Whether to try a container engine as the last resort (default true). */
  docker?: boolean
  /** How long a REDIS_URL server may take to answer PING, e.g. while compose starts it (default 5 s). */
  readyTimeoutMs?: number
  /** The container fallback; tests of this lookup put a fake engine here (default: testcontainers). */
  containers?: ContainerRedis
}

export interface ContainerRedis {
  /** Whether a container engine answers. */
  available(): Promise<boolean>
  /** Starts `redis:7` and resolves once it answers. */
  start(): Promise<TestRedis>
}

const TESTCONTAINERS: ContainerRedis = { available: containerEngineAvailable, start: startRedisContainer }

const NONE_FOUND =
  'No Redis for the tests: set REDIS_URL, install redis-server (apt-get install redis-server), or run a Docker engine.'

/**
 * Finds a Redis in order of cost: REDIS_URL (must answer PING), a redis-server binary on PATH
 * started on a free port, a `redis:7` container. Not memoized; tests use getTestRedis().
 */
export async function resolveTestRedis(options: ResolveTestRedisOptions): Promise<TestRedis> {
  const url = options.env['REDIS_URL']
  if (url !== undefined && url !== '') {
    try {
      await waitForRedis(url, { timeoutMs: options.readyTimeoutMs ?? 5_000 })
    } catch (err) {
      throw new Error(`REDIS_URL is set to ${url} but no Redis answers there`, { cause: err })
    }
    return { url, source: 'env', stop: async () => {} }
  }
  const binary = findExecutable('redis-server', options.env['PATH'])
  if (binary !== undefined) return startRedisServer(binary)
  const containers = options.containers ?? TESTCONTAINERS
  if (options.docker !== false && (await containers.available())) return containers.start()
  throw new Error(NONE_FOUND)
}

let shared: Promise<TestRedis> | undefined

/**
 * The Redis shared by every test of this process, found once (see resolveTestRedis). A server
 * started here stops when the process exits; stop() stops it earlier and forgets it.
 */
export function getTestRedis(): Promise<TestRedis> {
  if (shared === undefined) {
    const pending = resolveTestRedis({ env: process.env }).then((redis) => ({
      ...redis,
      stop: async () => {
        if (shared === pending) shared = undefined
        await redis.stop()
      },
    }))
    shared = pending
    // A failed lookup is not cached: a later call tries again.
    pending.catch(() => {
      if (shared === pending) shared = undefined
    })
  }
  return shared
}
