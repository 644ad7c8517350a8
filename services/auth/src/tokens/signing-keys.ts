// ES256 signing keys shared by every auth replica through the Store (RFC 7518 §3.4). The private
// JWK is stored only as a keyring envelope; kids are RFC 7638 thumbprints. Rotation rules are in
// signing-key-set.ts; this module loads, creates (single flight under a lock), rotates (on demand,
// or idempotently when due, for key-rotation.ts) and keeps each replica's view fresh by polling and
// by a pub/sub nudge.
import type { Keyring } from '@m365mcp/crypto'
import type { Store, Unsubscribe } from '@m365mcp/store'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey } from 'jose'
import type { Keys } from '../store/keys.js'
import {
  currentSigningKey,
  liveSigningKeys,
  newestSigningKey,
  privateKeyAad,
  signingKeySetSchema,
  type PublicJwk,
  type SigningKeySet,
  type StoredSigningKey,
} from './signing-key-set.js'

export interface SigningKeysOptions {
  store: Store
  keys: Keys
  keyring: Keyring
  now?: () => number
  /** Access-token lifetime: a retired key stays published at least this long. */
  accessTokenTtlMs: number
  /** Delay between publishing a new key and signing with it; ≥ verifiers' JWKS cache TTL (default 10 min). */
  propagationDelayMs?: number
  /** How often a replica reloads the set (default 60 s; 0 = only on pub/sub and explicit refresh). */
  refreshIntervalMs?: number
  /** Clock skew allowance added to the retention of retired keys (default 60 s). */
  clockSkewMs?: number
  /** Failures of background refreshes (timer, pub/sub); the last good view stays in use. */
  onError?: (error: unknown) => void
}

export interface RotatedKey {
  readonly kid: string
  readonly activatesAt: number
}

export interface ActiveSigningKey {
  readonly kid: string
  readonly privateKey: CryptoKey
}

export interface SigningKeys {
  /** The key to sign with now. */
  signingKey(): ActiveSigningKey
  /** The public JWK Set to serve at /jwks.json: pending, current and recently retired keys, never `d`. */
  jwks(): { keys: PublicJwk[] }
  /** Publishes a new key that starts signing after the propagation delay. */
  rotate(): Promise<RotatedKey>
  /**
   * Publishes a new key only if the newest one (pending keys count) was created `maxAgeMs` ago or
   * more, decided under the lock on the freshly read set: replicas checking at once add one key.
   * `nextDueAt` is when the newest key will be that old.
   */
  rotateIfDue(maxAgeMs: number): Promise<{ rotated: RotatedKey | null; nextDueAt: number }>
  /** Reloads the shared set (concurrent calls share one load) and prunes expired keys. */
  refresh(): Promise<void>
  close(): Promise<void>
}

const LOCK = { ttlMs: 15_000, waitMs: 15_000 }

export async function createSigningKeys(options: SigningKeysOptions): Promise<SigningKeys> {
  const { store, keys, keyring, accessTokenTtlMs } = options
  const now = options.now ?? Date.now
  const propagationDelayMs = options.propagationDelayMs ?? 10 * 60_000
  const refreshIntervalMs = options.refreshIntervalMs ?? 60_000
  const clockSkewMs = options.clockSkewMs ?? 60_000
  assertNonNegative({ accessTokenTtlMs, propagationDelayMs, refreshIntervalMs, clockSkewMs })
  // A replica may sign with the old key until its next refresh after the new key activates.
  const retentionMs = accessTokenTtlMs + refreshIntervalMs + clockSkewMs

  let view: SigningKeySet | undefined
  const privateKeys = new Map<string, CryptoKey>()
  let inflight: Promise<void> | undefined

  async function read(): Promise<{ raw: string; set: SigningKeySet } | null> {
    const raw = await store.get(keys.signingKeys())
    if (raw === null) return null
    return { raw, set: signingKeySetSchema.parse(JSON.parse(raw)) }
  }

  async function adopt(set: SigningKeySet): Promise<void> {
    const live = liveSigningKeys(set, now(), retentionMs)
    for (const key of live) {
      if (privateKeys.has(key.kid)) continue
      const jwk: unknown = JSON.parse(keyring.decrypt(key.privateJwk, privateKeyAad(key.kid)))
      privateKeys.set(
        key.kid,
        (await importJWK(jwk as Parameters<typeof importJWK>[0], 'ES256')) as CryptoKey,
      )
    }
    for (const kid of privateKeys.keys()) if (!live.some((key) => key.kid === kid)) privateKeys.delete(kid)
    view = set
  }

  /** Drops keys past their retention from the stored set; losing the race to a writer is fine. */
  async function prune(current: { raw: string; set: SigningKeySet }): Promise<void> {
    const live = liveSigningKeys(current.set, now(), retentionMs)
    if (live.length === current.set.keys.length || live.length === 0) return
    await store.compareAndSet(keys.signingKeys(), current.raw, JSON.stringify({ v: 1, keys: live }))
  }

  async function load(): Promise<void> {
    let current = await read()
    let created: StoredSigningKey | undefined
    current ??= await store.withLock(keys.signingKeysLock(), LOCK, async () => {
      const again = await read()
      if (again !== null) return again
      const key = await generateKey(keyring, now(), now())
      const set: SigningKeySet = { v: 1, keys: [key] }
      const raw = JSON.stringify(set)
      // ifAbsent as well as the lock: a holder whose lock expired must not overwrite a winner.
      if (await store.set(keys.signingKeys(), raw, { ifAbsent: true })) {
        created = key
        return { raw, set }
      }
      const winner = await read()
      if (winner === null) throw new Error('signing keys: the key set vanished while being created')
      return winner
    })
    await prune(current)
    await adopt(current.set)
    // A set made here replaces one Redis lost (restarted empty): replicas still holding the old set
    // must switch now, not at their next poll, or they sign with a key the others no longer publish.
    if (created !== undefined) await store.publish(keys.channels.signingKeysChanged(), created.kid)
  }

  function refresh(): Promise<void> {
    inflight ??= load().finally(() => {
      inflight = undefined
    })
    return inflight
  }

  const report = options.onError ?? (() => undefined)
  await refresh()
  const unsubscribe: Unsubscribe = await store.subscribe(keys.channels.signingKeysChanged(), () =>
    refresh().catch(report),
  )
  const timer =
    refreshIntervalMs > 0 ? setInterval(() => void refresh().catch(report), refreshIntervalMs) : undefined
  timer?.unref()

  async function readOrFail(): Promise<{ raw: string; set: SigningKeySet }> {
    const current = await read()
    if (current === null) throw new Error('signing keys: no key set to rotate')
    return current
  }

  /** Appends a pending key to the set read under the lock. */
  async function append(current: { raw: string; set: SigningKeySet }): Promise<StoredSigningKey> {
    const key = await generateKey(keyring, now(), now() + propagationDelayMs)
    const live = liveSigningKeys(current.set, now(), retentionMs)
    const next = JSON.stringify({ v: 1, keys: [...live, key] } satisfies SigningKeySet)
    // Under the lock only prune() writes without it, and only by compare-and-set: retry once.
    if (await store.compareAndSet(keys.signingKeys(), current.raw, next)) return key
    const again = await read()
    if (again === null) throw new Error('signing keys: the key set vanished during rotation')
    const retry = JSON.stringify({ v: 1, keys: [...again.set.keys, key] } satisfies SigningKeySet)
    if (await store.compareAndSet(keys.signingKeys(), again.raw, retry)) return key
    throw new Error('signing keys: concurrent modification during rotation')
  }

  /** Tells the other replicas and reloads our own view. */
  async function announce(key: StoredSigningKey): Promise<RotatedKey> {
    await store.publish(keys.channels.signingKeysChanged(), key.kid)
    await refresh()
    return { kid: key.kid, activatesAt: key.activatesAt }
  }

  function requireView(): SigningKeySet {
    if (view === undefined) throw new Error('signing keys: not loaded')
    return view
  }

  return {
    signingKey() {
      const key = currentSigningKey(requireView(), now())
      const privateKey = key && privateKeys.get(key.kid)
      if (key === undefined || privateKey === undefined) throw new Error('signing keys: no active key')
      return { kid: key.kid, privateKey }
    },
    jwks() {
      return { keys: liveSigningKeys(requireView(), now(), retentionMs).map((key) => key.publicJwk) }
    },
    async rotate() {
      const added = await store.withLock(keys.signingKeysLock(), LOCK, async () => append(await readOrFail()))
      return announce(added)
    },
    async rotateIfDue(maxAgeMs) {
      assertNonNegative({ maxAgeMs })
      const outcome = await store.withLock(keys.signingKeysLock(), LOCK, async () => {
        const current = await readOrFail()
        const dueAt = newestSigningKey(current.set).createdAt + maxAgeMs
        if (now() < dueAt) return { added: null, nextDueAt: dueAt }
        const added = await append(current)
        return { added, nextDueAt: added.createdAt + maxAgeMs }
      })
      const rotated = outcome.added === null ? null : await announce(outcome.added)
      return { rotated, nextDueAt: outcome.nextDueAt }
    },
    refresh,
    async close() {
      if (timer !== undefined) clearInterval(timer)
      await unsubscribe()
    },
  }
}

async function generateKey(
  keyring: Keyring,
  createdAt: number,
  activatesAt: number,
): Promise<StoredSigningKey> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  const { kty, crv, x, y, d } = await exportJWK(privateKey)
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y || !d) throw new Error('signing keys: unexpected JWK')
  const kid = await calculateJwkThumbprint({ kty, crv, x, y }, 'sha256')
  const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' }
  const privateJwk = keyring.encrypt(JSON.stringify({ kty, crv, x, y, d }), privateKeyAad(kid))
  return { kid, publicJwk, privateJwk, createdAt, activatesAt }
}

function assertNonNegative(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`signing keys: ${name} must be a whole number of ms ≥ 0`)
    }
  }
}
