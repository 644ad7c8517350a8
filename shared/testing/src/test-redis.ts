/** A Redis for tests and how it was obtained. */
export interface TestRedis {
  /** `redis://host:port` of a server that answered PING. */
  readonly url: string
  /** `env`: REDIS_URL; `redis-server`: a child process; `docker`: a testcontainers container. */
  readonly source: 'env' | 'redis-server' | 'docker'
  /** Stops what was started (nothing for `env`). */
  stop(): Promise<void>
}
