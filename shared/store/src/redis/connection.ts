import { Redis } from 'ioredis'
import type { StoreErrorReporter } from '../store.js'

/**
 * A connection the store owns, from a redis:// or rediss:// URL. A command fails after one
 * reconnect attempt instead of waiting in the offline queue, so an outage becomes a prompt
 * StoreUnavailableError (a 503) rather than a hung request; reconnection continues meanwhile.
 */
export function connectRedis(url: string, report: StoreErrorReporter): Redis {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TypeError('redis must be an ioredis client or a redis:// or rediss:// URL')
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`redis URL must use redis: or rediss:, got ${parsed.protocol}`)
  }
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 10_000 })
  watchErrors(redis, report)
  return redis
}

/** An owned connection reports its errors; without a listener ioredis would print them itself. */
export function watchErrors(redis: Redis, report: StoreErrorReporter): void {
  redis.on('error', (err: Error) => report(err, 'connection'))
}

/** QUIT when connected (replies to earlier commands still arrive), otherwise drop the socket. */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'end') return
  if (redis.status === 'ready') {
    try {
      await redis.quit()
      return
    } catch {
      // Lost while quitting: fall through and drop it.
    }
  }
  redis.disconnect()
}
