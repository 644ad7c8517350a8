import { randomBytes } from 'node:crypto'
import { LockTimeoutError } from './errors.js'
import { assertKey, assertTtlMs } from './validate.js'

/**
 * A lock with expiry held under a random token. release/extend compare the token first, so a
 * holder whose lock expired and was taken by someone else can never release or extend the new
 * holder's lock (the single-instance pattern of https://redis.io/docs/latest/develop/use/patterns/distributed-locks/).
 */
export interface Lock {
  readonly key: string
  readonly token: string
  /** Frees the lock if this holder still has it; false when it had already expired. */
  release(): Promise<boolean>
  /** Resets the expiry to ttlMs from now if this holder still has it; false otherwise. */
  extend(ttlMs: number): Promise<boolean>
}

export interface WithLockOptions {
  /** How long the lock lives if the holder dies; fn should finish well within it (or extend). */
  ttlMs: number
  /** How long to wait for a held lock before LockTimeoutError; 0 tries once. */
  waitMs: number
  /** Mean pause between attempts while waiting (default 50 ms), jittered ±50 %. */
  retryMs?: number
}

export type AcquireLock = (key: string, ttlMs: number) => Promise<Lock | null>

const DEFAULT_RETRY_MS = 50

/** 128 random bits: unguessable, so no other process can forge a release. */
export function newLockToken(): string {
  return randomBytes(16).toString('base64url')
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Waits for the lock (polling with jitter so waiters do not retry in lockstep), runs fn, and
 * releases. A failed release after fn is handed to onReleaseError and otherwise ignored: fn's
 * outcome stands, and the lock frees itself when its TTL runs out.
 */
export async function runWithLock<T>(
  acquire: AcquireLock,
  key: string,
  options: WithLockOptions,
  fn: (lock: Lock) => Promise<T> | T,
  onReleaseError: (error: unknown) => void,
): Promise<T> {
  assertKey(key)
  assertTtlMs(options.ttlMs)
  if (!Number.isFinite(options.waitMs) || options.waitMs < 0) {
    throw new RangeError(`waitMs must be a finite number ≥ 0, got ${String(options.waitMs)}`)
  }
  const retryMs = options.retryMs ?? DEFAULT_RETRY_MS
  if (!Number.isFinite(retryMs) || retryMs <= 0) {
    throw new RangeError(`retryMs must be a finite number > 0, got ${String(retryMs)}`)
  }
  const deadline = performance.now() + options.waitMs
  let lock = await acquire(key, options.ttlMs)
  while (lock === null) {
    const remaining = deadline - performance.now()
    if (remaining <= 0) throw new LockTimeoutError(key, options.waitMs)
    await sleep(Math.min(retryMs * (0.5 + Math.random()), remaining))
    lock = await acquire(key, options.ttlMs)
  }
  try {
    return await fn(lock)
  } finally {
    await lock.release().catch(onReleaseError)
  }
}
