import type { TestRedis } from './test-redis.js'

/**
 * Whether a container engine answers, asked through testcontainers. It is imported only here, on
 * demand, so runs that have REDIS_URL or redis-server never load it.
 */
export async function containerEngineAvailable(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers')
  try {
    await getContainerRuntimeClient()
    return true
  } catch {
    return false
  }
}

/** Starts `redis:7` in a container; testcontainers' reaper removes it if this process dies. */
export async function startRedisContainer(): Promise<TestRedis> {
  const { GenericContainer, Wait } = await import('testcontainers')
  const container = await new GenericContainer('redis:7')
    .withExposedPorts(6379)
    .withCommand(['redis-server', '--save', '', '--appendonly', 'no'])
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start()
  return {
    url: `redis://${container.getHost()}:${container.getMappedPort(6379)}`,
    source: 'docker',
    stop: async () => {
      await container.stop()
    },
  }
}
