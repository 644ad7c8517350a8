import { defaultReporter } from '../deliver.js'
import { StoreCommandError, StoreUnavailableError } from '../errors.js'
import { newLockToken, runWithLock } from '../lock.js'
import type { Lock } from '../lock.js'
import type { Store, StoreErrorReporter } from '../store.js'
import { assertInteger, assertKey, assertMembers, assertString, assertTtlMs } from '../validate.js'
import { createKeyspace } from './keyspace.js'
import { createMemoryPubSub } from './memory-pubsub.js'

export interface MemoryStoreOptions {
  /** Clock in ms for TTLs (default Date.now); tests inject one they can move. */
  now?: () => number
  /** How often expired keys nobody reads are freed (default 60 s). */
  sweepIntervalMs?: number
  /** Errors no caller awaits: throwing subscription handlers. */
  onError?: StoreErrorReporter
}

export interface MemoryStore extends Store {
  /** Frees expired keys now (the timer does it every sweepIntervalMs); answers how many. */
  sweep(): number
}

// Redis' reply for INCRBY on a value that is not a 64-bit integer.
const NOT_AN_INTEGER = 'ERR value is not an integer or out of range'
// What Redis parses as an integer: no sign on zero, no leading zeros, no spaces or decimals.
const INTEGER = /^(0|-?[1-9]\d*)$/

/**
 * The Store for the embedded single-process mode, with the Redis adapter's semantics. Each
 * operation runs synchronously inside one call, so it is atomic within the process; it shares
 * nothing across processes.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const report = options.onError ?? defaultReporter
  const keyspace = createKeyspace(options.now ?? Date.now)
  const pubsub = createMemoryPubSub(report)
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000
  assertTtlMs(sweepIntervalMs, 'sweepIntervalMs')
  const sweeper = setInterval(() => keyspace.sweep(), sweepIntervalMs)
  sweeper.unref()
  let closed = false

  /** Runs one operation synchronously (hence atomically); a throw in the executor rejects. */
  const run = <T>(operation: () => T): Promise<T> =>
    new Promise((resolve) => {
      if (closed) throw new StoreUnavailableError('the store is closed')
      resolve(operation())
    })

  const lockHeldBy = (key: string, token: string): boolean => keyspace.readString(key)?.value === token

  const makeLock = (key: string, token: string): Lock => ({
    key,
    token,
    release: () => run(() => lockHeldBy(key, token) && keyspace.delete(key)),
    extend: (ttlMs) =>
      run(() => {
        assertTtlMs(ttlMs)
        if (!lockHeldBy(key, token)) return false
        keyspace.write(key, { type: 'string', value: token, expiresAt: keyspace.expiresIn(ttlMs) })
        return true
      }),
  })

  const acquireLock = (key: string, ttlMs: number): Promise<Lock | null> =>
    run(() => {
      assertKey(key)
      assertTtlMs(ttlMs)
      if (keyspace.read(key) !== undefined) return null
      const token = newLockToken()
      keyspace.write(key, { type: 'string', value: token, expiresAt: keyspace.expiresIn(ttlMs) })
      return makeLock(key, token)
    })

  return {
    get: (key) =>
      run(() => {
        assertKey(key)
        return keyspace.readString(key)?.value ?? null
      }),

    set: (key, value, { ttlMs, ifAbsent = false } = {}) =>
      run(() => {
        assertKey(key)
        assertString(value, 'value')
        if (ttlMs !== undefined) assertTtlMs(ttlMs)
        if (ifAbsent && keyspace.read(key) !== undefined) return false
        const expiresAt = ttlMs === undefined ? null : keyspace.expiresIn(ttlMs)
        keyspace.write(key, { type: 'string', value, expiresAt })
        return true
      }),

    del: (...keys) =>
      run(() => {
        keys.forEach((key) => assertKey(key))
        return keys.filter((key) => keyspace.delete(key)).length
      }),

    ttl: (key) =>
      run(() => {
        assertKey(key)
        const expiresAt = keyspace.read(key)?.expiresAt ?? null
        return expiresAt === null ? null : expiresAt - keyspace.now()
      }),

    expire: (key, ttlMs) =>
      run(() => {
        assertKey(key)
        assertTtlMs(ttlMs)
        const entry = keyspace.read(key)
        if (entry === undefined) return false
        entry.expiresAt = keyspace.expiresIn(ttlMs)
        return true
      }),

    take: (key) =>
      run(() => {
        assertKey(key)
        const entry = keyspace.readString(key)
        if (entry === undefined) return null
        keyspace.delete(key)
        return entry.value
      }),

    compareAndSet: (key, expected, next, { ttlMs } = {}) =>
      run(() => {
        assertKey(key)
        if (expected !== null) assertString(expected, 'expected')
        if (next !== null) assertString(next, 'next')
        if (ttlMs !== undefined) assertTtlMs(ttlMs)
        const entry = keyspace.readString(key)
        if ((entry?.value ?? null) !== expected) return false
        if (next === null) {
          keyspace.delete(key)
          return true
        }
        const expiresAt = ttlMs === undefined ? (entry?.expiresAt ?? null) : keyspace.expiresIn(ttlMs)
        keyspace.write(key, { type: 'string', value: next, expiresAt })
        return true
      }),

    incr: (key, { by = 1, ttlMs } = {}) =>
      run(() => {
        assertKey(key)
        assertInteger(by, 'by')
        if (ttlMs !== undefined) assertTtlMs(ttlMs)
        const entry = keyspace.readString(key)
        const current = entry === undefined ? 0 : Number(entry.value)
        if (entry !== undefined && !INTEGER.test(entry.value)) throw new StoreCommandError(NOT_AN_INTEGER)
        const value = current + by
        if (!Number.isSafeInteger(current) || !Number.isSafeInteger(value))
          throw new StoreCommandError(NOT_AN_INTEGER)
        const keep = entry?.expiresAt ?? null
        const expiresAt = keep === null && ttlMs !== undefined ? keyspace.expiresIn(ttlMs) : keep
        keyspace.write(key, { type: 'string', value: String(value), expiresAt })
        return value
      }),

    setAdd: (key, members, { ttlMs } = {}) =>
      run(() => {
        assertKey(key)
        assertMembers(members)
        if (ttlMs !== undefined) assertTtlMs(ttlMs)
        if (members.length === 0) return 0
        const existing = keyspace.readSet(key)
        const entry = existing ?? { type: 'set' as const, members: new Set<string>(), expiresAt: null }
        const before = entry.members.size
        for (const member of members) entry.members.add(member)
        if (ttlMs !== undefined) {
          const wanted = keyspace.expiresIn(ttlMs)
          // Same rule as the Redis script: a TTL only grows; a set that never expired keeps none.
          if (existing === undefined || (entry.expiresAt !== null && entry.expiresAt < wanted))
            entry.expiresAt = wanted
        }
        keyspace.write(key, entry)
        return entry.members.size - before
      }),

    setMembers: (key) =>
      run(() => {
        assertKey(key)
        return [...(keyspace.readSet(key)?.members ?? [])]
      }),

    setRemove: (key, members) =>
      run(() => {
        assertKey(key)
        assertMembers(members)
        const entry = keyspace.readSet(key)
        if (entry === undefined) return 0
        const removed = members.filter((member) => entry.members.delete(member)).length
        if (entry.members.size === 0) keyspace.delete(key)
        return removed
      }),

    acquireLock,

    withLock: (key, lockOptions, fn) =>
      runWithLock(acquireLock, key, lockOptions, fn, (err) =>
        report(err instanceof Error ? err : new Error(String(err)), 'lock-release'),
      ),

    publish: (channel, message) =>
      run(() => {
        assertKey(channel, 'channel')
        assertString(message, 'message')
        return pubsub.publish(channel, message)
      }),

    subscribe: (channel, handler) =>
      run(() => {
        assertKey(channel, 'channel')
        if (typeof handler !== 'function') throw new TypeError('handler must be a function')
        return pubsub.subscribe(channel, handler)
      }),

    ping: () => run(() => undefined),

    close: () => {
      closed = true
      clearInterval(sweeper)
      pubsub.clear()
      keyspace.clear()
      return Promise.resolve()
    },

    sweep: () => keyspace.sweep(),
  }
}
