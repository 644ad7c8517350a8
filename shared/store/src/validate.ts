/*
 * Argument checks shared by both adapters, so a bad call fails the same way in the embedded mode
 * and against Redis (and before a malformed command is sent). Misuse is a programming error:
 * TypeError or RangeError, never a store error.
 */

export function assertKey(key: unknown, what = 'key'): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`${what} must be a non-empty string`)
}

export function assertString(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`)
}

/** TTLs are whole milliseconds ≥ 1, as Redis PX/PEXPIRE take them. */
export function assertTtlMs(ttlMs: unknown, what = 'ttlMs'): asserts ttlMs is number {
  if (typeof ttlMs !== 'number' || !Number.isSafeInteger(ttlMs) || ttlMs < 1) {
    throw new RangeError(`${what} must be a whole number of milliseconds ≥ 1, got ${String(ttlMs)}`)
  }
}

export function assertInteger(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(value)}`)
  }
}

export function assertMembers(members: unknown): asserts members is string[] {
  if (!Array.isArray(members)) throw new TypeError('members must be an array of strings')
  for (const member of members) assertString(member, 'each member')
}
