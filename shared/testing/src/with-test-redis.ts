import type { Redis } from 'ioredis'
import { cleanupPrefix } from './cleanup-prefix.js'
import { getTestRedis } from './get-test-redis.js'
import { createTestRedisClient } from './test-redis-client.js'
import { uniquePrefix } from './unique-prefix.js'

/** The part of a node-tap `Test` this helper needs. */
export interface TeardownHost {
  readonly name?: string
  teardown(fn: () => unknown): void
}

export interface TestRedisContext {
  readonly url: string
  /** A prefix no other test uses; everything under it is deleted at teardown. */
  readonly prefix: string
  /** A client of this test, quit at teardown. */
  readonly redis: Redis
}

/** The shared test Redis, a fresh prefix and a client for one tap test, cleaned up in t.teardown. */
export async function withTestRedis(t: TeardownHost): Promise<TestRedisContext> {
  const { url } = await getTestRedis()
  const prefix = uniquePrefix(t.name)
  const redis = createTestRedisClient(url)
  t.teardown(async () => {
    try {
      await cleanupPrefix(redis, prefix)
    } finally {
      redis.disconnect()
    }
  })
  return { url, prefix, redis }
}
