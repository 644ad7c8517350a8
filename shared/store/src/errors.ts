/**
 * Store errors carry a stable `code` so services can map them without parsing messages: an
 * unavailable store answers 503 (RFC 9110 §15.6.4) rather than crashing the request.
 */

/** The backing store cannot be reached (connection refused or lost, closed store, failover). */
export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable'
  override readonly name = 'StoreUnavailableError'
}

/** The store refused a command, e.g. an operation on a key holding the wrong kind of value. */
export class StoreCommandError extends Error {
  readonly code = 'store_command_error'
  override readonly name = 'StoreCommandError'
}

/** withLock gave up: another holder kept the lock for the whole wait. */
export class LockTimeoutError extends Error {
  readonly code = 'lock_timeout'
  override readonly name = 'LockTimeoutError'
  readonly key: string
  readonly waitMs: number

  constructor(key: string, waitMs: number) {
    super(`lock "${key}" was not free within ${waitMs} ms`)
    this.key = key
    this.waitMs = waitMs
  }
}
