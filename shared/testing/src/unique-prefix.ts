import { randomBytes } from 'node:crypto'

/**
 * A key prefix no other test run shares: `test:<label>:<random>:` (or `test:<random>:` without a
 * label). Tests write only under their prefix and delete it afterwards; nothing ever flushes the
 * shared database.
 */
export function uniquePrefix(label?: string): string {
  const random = randomBytes(6).toString('hex')
  if (label === undefined) return `test:${random}:`
  // Keep keys readable in redis-cli and free of glob characters: SCAN MATCH uses the prefix.
  const safe = label
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  return safe === '' ? `test:${random}:` : `test:${safe}:${random}:`
}
