import type { Redis } from 'ioredis'
import { defaultReporter } from '../deliver.js'
import { StoreUnavailableError } from '../errors.js'
import { newLockToken, runWithLock } from '../lock.js'
import type { Lock } from '../lock.js'
import type { Store, StoreErrorReporter } from '../store.js'
import { assertInteger, assertKey, assertMembers, assertString, assertTtlMs } from '../validate.js'
import { closeConnection, connectRedis, watchErrors } from './connection.js'
import { createRedisSubscriptions } from './redis-subscriptions.js'
import { defineStoreScripts } from './scripts.js'
import { toStoreError } from './to-store-error.js'

export interface RedisStoreOptions {
  /** A connected ioredis client (left open on close), or a redis:// / rediss:// URL to open one. */
  redis: Redis | string
  /** Prepended to every key and channel, e.g. `m365:`. */
  prefix?: string
  /** A connection reserved for subscriptions (left open on close); by default one is duplicated lazily. */
  subscriber?: Redis
  /** Errors no caller awaits: owned connections, throwing handlers, failed lock releases. */
  onError?: StoreErrorReporter
}

/** The Store on Redis ≥ 6.2 (GETDEL, SET KEEPTTL). */
export function createRedisStore(options: RedisStoreOptions): Store {
  const report = options.onError ?? defaultReporter
  const prefix = options.prefix ?? ''
  assertString(prefix, 'prefix')
  const ownsClient = typeof options.redis === 'string'
  const client = typeof options.redis === 'string' ? connectRedis(options.redis, report) : options.redis
  const scripts = defineStoreScripts(client)
  let closed = false

  const subscriptions = createRedisSubscriptions(
    () => {
      if (options.subscriber !== undefined) return options.subscriber
      const duplicate = client.duplicate()
      watchErrors(duplicate, report)
      return duplicate
    },
    report,
    async (connection, channels) => {
      if (connection !== options.subscriber) return closeConnection(connection)
      if (channels.length > 0) await connection.unsubscribe(...channels).catch(() => undefined)
    },
  )

  const k = (key: string): string => {
    assertKey(key)
    return prefix + key
  }
  const call = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (closed) throw new StoreUnavailableError('the store is closed')
    try {
      return await operation()
    } catch (err) {
      throw toStoreError(err)
    }
  }

  const makeLock = (key: string, token: string): Lock => ({
    key,
    token,
    release: () => call(() => scripts.releaseLock(prefix + key, token)),
    extend: async (ttlMs) => {
      assertTtlMs(ttlMs)
      return call(() => scripts.extendLock(prefix + key, token, ttlMs))
    },
  })

  const acquireLock = async (key: string, ttlMs: number): Promise<Lock | null> => {
    const full = k(key)
    assertTtlMs(ttlMs)
    const token = newLockToken()
    const reply = await call(() => client.set(full, token, 'PX', ttlMs, 'NX'))
    return reply === 'OK' ? makeLock(key, token) : null
  }

  return {
    get: async (key) => {
      const full = k(key)
      return call(() => client.get(full))
    },

    set: async (key, value, { ttlMs, ifAbsent = false } = {}) => {
      const full = k(key)
      assertString(value, 'value')
      if (ttlMs !== undefined) assertTtlMs(ttlMs)
      const reply = await call(() => {
        if (ttlMs === undefined) return ifAbsent ? client.set(full, value, 'NX') : client.set(full, value)
        return ifAbsent ? client.set(full, value, 'PX', ttlMs, 'NX') : client.set(full, value, 'PX', ttlMs)
      })
      return reply === 'OK'
    },

    del: async (...keys) => {
      const full = keys.map(k)
      if (full.length === 0) return 0
      return call(() => client.del(...full))
    },

    ttl: async (key) => {
      const full = k(key)
      const ms = await call(() => client.pttl(full))
      return ms >= 0 ? ms : null
    },

    expire: async (key, ttlMs) => {
      const full = k(key)
      assertTtlMs(ttlMs)
      return (await call(() => client.pexpire(full, ttlMs))) === 1
    },

    take: async (key) => {
      const full = k(key)
      return call(() => client.getdel(full))
    },

    compareAndSet: async (key, expected, next, { ttlMs } = {}) => {
      const full = k(key)
      if (expected !== null) assertString(expected, 'expected')
      if (next !== null) assertString(next, 'next')
      if (ttlMs !== undefined) assertTtlMs(ttlMs)
      return call(() => scripts.compareAndSet(full, expected, next, ttlMs))
    },

    incr: async (key, { by = 1, ttlMs } = {}) => {
      const full = k(key)
      assertInteger(by, 'by')
      if (ttlMs !== undefined) assertTtlMs(ttlMs)
      return call(() => scripts.incr(full, by, ttlMs))
    },

    setAdd: async (key, members, { ttlMs } = {}) => {
      const full = k(key)
      assertMembers(members)
      if (ttlMs !== undefined) assertTtlMs(ttlMs)
      if (members.length === 0) return 0
      return call(() => scripts.setAdd(full, members, ttlMs))
    },

    setMembers: async (key) => {
      const full = k(key)
      return call(() => client.smembers(full))
    },

    setRemove: async (key, members) => {
      const full = k(key)
      assertMembers(members)
      if (members.length === 0) return 0
      return call(() => client.srem(full, ...members))
    },

    acquireLock,

    withLock: async (key, lockOptions, fn) =>
      runWithLock(acquireLock, key, lockOptions, fn, (err) => report(toStoreError(err), 'lock-release')),

    publish: async (channel, message) => {
      assertKey(channel, 'channel')
      assertString(message, 'message')
      return call(() => client.publish(prefix + channel, message))
    },

    subscribe: async (channel, handler, subscribeOptions = {}) => {
      assertKey(channel, 'channel')
      if (typeof handler !== 'function') throw new TypeError('handler must be a function')
      return call(() => subscriptions.subscribe(prefix + channel, handler, subscribeOptions.onGap))
    },

    ping: async () => {
      await call(() => client.ping())
    },

    close: async () => {
      if (closed) return
      closed = true
      await subscriptions.close()
      if (ownsClient) await closeConnection(client)
    },
  }
}
