import { StoreCommandError } from '../errors.js'

/*
 * The data of the in-memory store: string and set values with an optional expiry instant on an
 * injectable clock. Like Redis, an expired key is gone the moment its instant is reached (checked
 * on every access) and a periodic sweep frees keys nobody reads again.
 */

export type Entry =
  | { type: 'string'; value: string; expiresAt: number | null }
  | { type: 'set'; members: Set<string>; expiresAt: number | null }

// Redis' own reply, so both adapters fail with the same message.
const WRONGTYPE = 'WRONGTYPE Operation against a key holding the wrong kind of value'

export interface Keyspace {
  /** The live entry, or undefined (an expired one is deleted on the way). */
  read(key: string): Entry | undefined
  /** The live string entry; StoreCommandError if the key holds a set. */
  readString(key: string): Extract<Entry, { type: 'string' }> | undefined
  /** The live set entry; StoreCommandError if the key holds a string. */
  readSet(key: string): Extract<Entry, { type: 'set' }> | undefined
  write(key: string, entry: Entry): void
  delete(key: string): boolean
  /** Expiry instant for a TTL from now. */
  expiresIn(ttlMs: number): number
  now(): number
  /** Deletes every expired key; answers how many. */
  sweep(): number
  clear(): void
}

export function createKeyspace(now: () => number): Keyspace {
  const entries = new Map<string, Entry>()
  const expired = (entry: Entry, at: number): boolean => entry.expiresAt !== null && entry.expiresAt <= at

  const read = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (!expired(entry, now())) return entry
    entries.delete(key)
    return undefined
  }

  return {
    read,
    readString(key) {
      const entry = read(key)
      if (entry !== undefined && entry.type !== 'string') throw new StoreCommandError(WRONGTYPE)
      return entry
    },
    readSet(key) {
      const entry = read(key)
      if (entry !== undefined && entry.type !== 'set') throw new StoreCommandError(WRONGTYPE)
      return entry
    },
    write: (key, entry) => void entries.set(key, entry),
    delete: (key) => read(key) !== undefined && entries.delete(key),
    expiresIn: (ttlMs) => now() + ttlMs,
    now,
    sweep() {
      const at = now()
      let removed = 0
      for (const [key, entry] of entries) {
        if (expired(entry, at)) {
          entries.delete(key)
          removed++
        }
      }
      return removed
    },
    clear: () => entries.clear(),
  }
}
