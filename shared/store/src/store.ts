import type { Lock, WithLockOptions } from './lock.js'

/*
 * The one storage port of every service. Keys are built by their owner (each service's keys.ts)
 * and passed in whole; an adapter only adds its own optional prefix. Values are strings: callers
 * JSON-encode. Every operation is atomic on its own. TTLs are whole milliseconds.
 * Failures: StoreUnavailableError when the store cannot be reached, StoreCommandError when it
 * refuses a command (a key holding the wrong type), TypeError/RangeError for invalid arguments.
 */

export interface SetOptions {
  /** Expire the key this long from now. Without it the key never expires (an old TTL is cleared). */
  ttlMs?: number
  /** Write only if the key is absent (SET NX); set() then answers false when it was present. */
  ifAbsent?: boolean
}

export interface CompareAndSetOptions {
  /** Expire the new value this long from now. Without it the key keeps its current TTL, if any. */
  ttlMs?: number
}

export interface IncrOptions {
  /** Step, a safe integer (default 1, may be negative). */
  by?: number
  /** Window of a new counter: applied when the counter has no TTL (on creation), never extended. */
  ttlMs?: number
}

export interface SetAddOptions {
  /** Keep the set at least this long from now: a shorter remaining TTL is raised, a longer one kept. */
  ttlMs?: number
}

export type MessageHandler = (message: string) => void | Promise<void>

export interface SubscribeOptions {
  /**
   * Called when messages on the channel may have been missed: the subscriber connection was lost
   * and is subscribed again (Redis pub/sub delivers at most once, and nothing is queued for a
   * disconnected subscriber). Whoever caches on the strength of these messages drops the cache
   * here. The in-memory store never loses messages and never calls it.
   */
  onGap?: () => void
}

/** Removes a subscription; once it resolves the handler is never called again. */
export type Unsubscribe = () => Promise<void>

/**
 * Where an error no caller is waiting for came from: a connection of the store, a subscription
 * handler that threw, or a lock release after withLock's fn.
 */
export type StoreErrorSource = 'connection' | 'handler' | 'lock-release'
export type StoreErrorReporter = (error: Error, source: StoreErrorSource) => void

export interface Store {
  get(key: string): Promise<string | null>
  /** Answers false only when ifAbsent was asked and the key was present. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>
  /** Deletes keys of any type; answers how many existed. */
  del(...keys: string[]): Promise<number>
  /** Remaining lifetime in ms; null when the key is missing or never expires. */
  ttl(key: string): Promise<number | null>
  /** Sets the TTL of an existing key; false when the key is missing. */
  expire(key: string, ttlMs: number): Promise<boolean>

  /** Atomic read-and-delete (GETDEL): of any number of concurrent callers one gets the value. */
  take(key: string): Promise<string | null>
  /**
   * Atomically replaces `expected` by `next`: expected null means the key must be absent, next
   * null deletes it. False (and nothing written) when the current value is not `expected`.
   */
  compareAndSet(
    key: string,
    expected: string | null,
    next: string | null,
    options?: CompareAndSetOptions,
  ): Promise<boolean>
  /** Adds to an integer counter (created at 0) and answers the new value. */
  incr(key: string, options?: IncrOptions): Promise<number>

  /** Adds members to a set; answers how many were new. */
  setAdd(key: string, members: readonly string[], options?: SetAddOptions): Promise<number>
  /** All members, in no particular order; [] for a missing set. */
  setMembers(key: string): Promise<string[]>
  /** Removes members; answers how many were there. An emptied set is deleted. */
  setRemove(key: string, members: readonly string[]): Promise<number>

  /** Takes the lock if free (single attempt); null when someone else holds it. */
  acquireLock(key: string, ttlMs: number): Promise<Lock | null>
  /** Waits up to waitMs for the lock, runs fn while holding it, releases; LockTimeoutError on timeout. */
  withLock<T>(key: string, options: WithLockOptions, fn: (lock: Lock) => Promise<T> | T): Promise<T>

  /** Answers how many subscribers received it: 0 means nobody listened (only 0 vs > 0 is portable). */
  publish(channel: string, message: string): Promise<number>
  /** Resolves once the subscription is active: a message published afterwards is delivered. */
  subscribe(channel: string, handler: MessageHandler, options?: SubscribeOptions): Promise<Unsubscribe>

  /** Resolves when the store answers; StoreUnavailableError otherwise. */
  ping(): Promise<void>
  /** Ends subscriptions and the connections the store opened itself. Later calls fail unavailable. */
  close(): Promise<void>
}
