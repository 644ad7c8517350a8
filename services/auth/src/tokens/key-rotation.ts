// Scheduled rotation of the access-token signing key (RFC 7517 §5 key sets; the overlap rules are
// in signing-key-set.ts). Every replica runs this timer; the decision is taken under the signing
// key lock by `rotateIfDue`, so replicas checking at once add exactly one key. Between checks the
// replica skips the store until the key it last saw is due, so a check costs nothing most of the time.
import type { RotatedKey, SigningKeys } from './signing-keys.js'

export interface KeyRotationOptions {
  signingKeys: Pick<SigningKeys, 'rotateIfDue'>
  /** A new key is published once the newest key is this old (SIGNING_KEY_ROTATION_INTERVAL). */
  intervalMs: number
  /** How often the timer looks (default 60 s); a rotation happens at most this late. */
  checkEveryMs?: number
  now?: () => number
  /** Called with each key this replica published. */
  onRotate?: (key: RotatedKey) => void
  /** Failed checks (store down, lock busy): the next tick tries again. */
  onError?: (error: unknown) => void
}

export interface KeyRotation {
  /** Checks now (unless a check is running) and resolves with the key published, if any. */
  check(): Promise<RotatedKey | null>
  /** Stops the timer and waits for a running check. */
  stop(): Promise<void>
}

export function createKeyRotation(options: KeyRotationOptions): KeyRotation {
  const { signingKeys, intervalMs } = options
  const checkEveryMs = options.checkEveryMs ?? 60_000
  const now = options.now ?? Date.now
  const report = options.onError ?? (() => undefined)
  for (const [name, value] of Object.entries({ intervalMs, checkEveryMs })) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`key rotation: ${name} must be a whole number of ms > 0`)
    }
  }

  // Another replica may have rotated since: then the lock-held re-read finds it not due and
  // answers the later date. Until the first check we know nothing, so the first tick asks.
  let nextDueAt = -Infinity
  let running: Promise<RotatedKey | null> | undefined
  let stopped = false

  async function run(): Promise<RotatedKey | null> {
    const { rotated, nextDueAt: next } = await signingKeys.rotateIfDue(intervalMs)
    nextDueAt = next
    if (rotated !== null) options.onRotate?.(rotated)
    return rotated
  }

  function check(): Promise<RotatedKey | null> {
    running ??= run().finally(() => {
      running = undefined
    })
    return running
  }

  const timer = setInterval(() => {
    if (stopped || running !== undefined || now() < nextDueAt) return
    check().catch(report)
  }, checkEveryMs)
  timer.unref()

  return {
    check,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running?.catch(() => undefined)
    },
  }
}
