// The cross-replica registry of open SSE sessions: session → { owner replica, user }. The owner
// writes the entry before telling the client its endpoint, refreshes its TTL while the stream is
// open and deletes it when the stream ends; a replica that dies leaves an entry that expires
// within one TTL (or is deleted by the first POST whose relay reaches nobody).
import type { Store } from '@m365mcp/store'
import { z } from 'zod'
import type { LegacySseKeys } from './keys.js'

export interface SessionRecord {
  /** replicaId of the replica holding the stream. */
  readonly owner: string
  /** `sub` of the user who opened the stream. */
  readonly sub: string
}

const recordSchema = z.object({ owner: z.string().min(1), sub: z.string().min(1) })

export interface SessionRegistry {
  register(sessionId: string, record: SessionRecord): Promise<void>
  /** The entry, or null when missing, expired or unreadable. */
  lookup(sessionId: string): Promise<SessionRecord | null>
  /** Extends the entry's TTL; false when it is gone (the stream should then end). */
  refresh(sessionId: string): Promise<boolean>
  remove(sessionId: string): Promise<void>
}

export function createSessionRegistry(deps: {
  store: Store
  keys: LegacySseKeys
  ttlMs: number
}): SessionRegistry {
  const { store, keys, ttlMs } = deps
  return {
    async register(sessionId, record) {
      const value = JSON.stringify({ owner: record.owner, sub: record.sub })
      // NX: a 256-bit random id never collides; refusing to overwrite makes that an invariant.
      const written = await store.set(keys.session(sessionId), value, { ttlMs, ifAbsent: true })
      if (!written) throw new Error('legacy SSE session id already registered')
    },
    async lookup(sessionId) {
      const raw = await store.get(keys.session(sessionId))
      if (raw === null) return null
      const parsed = recordSchema.safeParse(safeJson(raw))
      return parsed.success ? parsed.data : null
    },
    refresh: (sessionId) => store.expire(keys.session(sessionId), ttlMs),
    async remove(sessionId) {
      await store.del(keys.session(sessionId))
    },
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}
