import { Redis } from 'ioredis'

/**
 * An ioredis client for tests. It fails a command after one reconnect attempt instead of queueing
 * it for ages, so a dead server shows up as a test failure, not a timeout.
 */
export function createTestRedisClient(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 10_000 })
  // Connection errors reach the failing command; an unhandled 'error' event would only add noise.
  client.on('error', () => {})
  return client
}
