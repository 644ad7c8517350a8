// The BullMQ queue shared by producers and the worker (its keys: audit-keys.ts).
import type { RedisOptions } from 'ioredis'

export const AUDIT_QUEUE = 'audit'

/** ioredis options from a redis:// or rediss:// URL (BullMQ opens its own connections). */
export function connectionFromUrl(url: string): RedisOptions & { url: string } {
  const parsed = new URL(url)
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new TypeError(`audit: the Redis URL must use redis: or rediss:, got ${parsed.protocol}`)
  return { url, connectTimeout: 10_000 }
}
