import type { Redis } from 'ioredis'

const SCAN_COUNT = 500

/** Escapes the glob characters of SCAN MATCH so the prefix is matched literally. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`)
}

/**
 * Deletes every key under `prefix` with SCAN MATCH + UNLINK and returns how many it removed.
 * Never FLUSHALL/FLUSHDB: the database is shared with other test runs.
 */
export async function cleanupPrefix(redis: Redis, prefix: string): Promise<number> {
  if (prefix.length === 0)
    throw new RangeError('cleanupPrefix: refusing an empty prefix (it would match every key)')
  const pattern = `${escapeGlob(prefix)}*`
  let cursor = '0'
  let removed = 0
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT)
    cursor = next
    if (keys.length > 0) removed += await redis.unlink(...keys)
  } while (cursor !== '0')
  return removed
}
