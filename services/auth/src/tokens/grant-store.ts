// Grants in the Store (see grant.ts and docs/storage-schema.md). A grant lives as long as its
// refresh tokens may be used: an idle lifetime that slides on every refresh (touch), capped by an
// absolute lifetime from creation (RFC 9700 §4.14.2 recommends bounding refresh token lifetime).
import { randomToken, type Keyring } from '@m365mcp/crypto'
import type { Store } from '@m365mcp/store'
import type { Keys } from '../store/keys.js'
import {
  entraAad,
  entraTokensSchema,
  grantSchema,
  type EntraTokens,
  type Grant,
  type GrantDirectory,
  type GrantProfile,
} from './grant.js'

export interface GrantStoreOptions {
  store: Store
  keys: Keys
  keyring: Keyring
  now?: () => number
  /** Unused grants expire after this (default 30 days); each refresh restarts it. */
  idleTtlMs?: number
  /** No grant outlives this from its creation (default 90 days). */
  absoluteTtlMs?: number
}

export interface NewGrant {
  sub: string
  tid: string
  oid: string
  clientId: string
  scope: string
  resource: string
  entra: EntraTokens
  profile: GrantProfile
  /** App roles and groups for the grant's access tokens. */
  directory?: GrantDirectory
}

export interface GrantRevokedEvent {
  grantId: string
  sub: string
  clientId: string
}

const CAS_ATTEMPTS = 8

export function createGrantStore(options: GrantStoreOptions) {
  const { store, keys, keyring } = options
  const now = options.now ?? Date.now
  const idleTtlMs = options.idleTtlMs ?? 30 * 86_400_000
  const absoluteTtlMs = options.absoluteTtlMs ?? 90 * 86_400_000
  if (!Number.isSafeInteger(idleTtlMs) || idleTtlMs < 60_000)
    throw new RangeError('grants: idleTtlMs must be ≥ 60000')
  if (!Number.isSafeInteger(absoluteTtlMs) || absoluteTtlMs < idleTtlMs) {
    throw new RangeError('grants: absoluteTtlMs must be ≥ idleTtlMs')
  }

  /** How long the grant (and a refresh token issued now) may still live: idle window, capped. */
  const remainingMs = (grant: Pick<Grant, 'expiresAt'>) => Math.min(idleTtlMs, grant.expiresAt - now())

  async function read(id: string): Promise<{ raw: string; grant: Grant } | null> {
    const raw = await store.get(keys.grant(id))
    if (raw === null) return null
    const grant = grantSchema.parse(JSON.parse(raw))
    return grant.expiresAt > now() ? { raw, grant } : null
  }

  return {
    remainingMs,

    /**
     * Stores a new grant. `pendingTtlMs` keeps it short-lived until its authorization code is
     * redeemed (the redemption touches it), so abandoned sign-ins leave nothing behind for long.
     */
    async create(input: NewGrant, { pendingTtlMs }: { pendingTtlMs?: number } = {}): Promise<Grant> {
      const id = `grt_${randomToken(16)}`
      const createdAt = now()
      const grant = grantSchema.parse({
        id,
        sub: input.sub,
        tid: input.tid,
        oid: input.oid,
        clientId: input.clientId,
        scope: input.scope,
        resource: input.resource,
        createdAt,
        expiresAt: createdAt + absoluteTtlMs,
        entra: keyring.encrypt(JSON.stringify(entraTokensSchema.parse(input.entra)), entraAad(id)),
        profile: input.profile,
        ...(input.directory === undefined ? {} : { directory: input.directory }),
      })
      const ttlMs = Math.min(remainingMs(grant), pendingTtlMs ?? Infinity)
      if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) throw new RangeError('grants: pendingTtlMs must be ≥ 1')
      await store.set(keys.grant(id), JSON.stringify(grant), { ttlMs })
      await store.setAdd(keys.userGrants(grant.sub), [id], { ttlMs })
      return grant
    },

    /** The grant, or null when unknown, revoked or past its absolute lifetime. */
    async get(id: string): Promise<Grant | null> {
      return (await read(id))?.grant ?? null
    },

    /** Decrypts the grant's Entra tokens (CryptoError when the envelope was moved or tampered with). */
    entraTokens(grant: Grant): EntraTokens {
      return entraTokensSchema.parse(JSON.parse(keyring.decrypt(grant.entra, entraAad(grant.id))))
    },

    /** Replaces the Entra tokens (e.g. after an Entra refresh); false when the grant is gone. */
    async updateEntraTokens(id: string, tokens: EntraTokens): Promise<boolean> {
      const entra = keyring.encrypt(JSON.stringify(entraTokensSchema.parse(tokens)), entraAad(id))
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const current = await read(id)
        if (current === null) return false
        const next = JSON.stringify({ ...current.grant, entra })
        if (await store.compareAndSet(keys.grant(id), current.raw, next)) return true
      }
      throw new Error('grants: too much contention updating the Entra tokens')
    },

    /** Slides the idle lifetime after a use; answers the remaining ms, or null when the grant is gone. */
    async touch(id: string): Promise<number | null> {
      const current = await read(id)
      if (current === null) return null
      const ttlMs = remainingMs(current.grant)
      if (ttlMs <= 0 || !(await store.expire(keys.grant(id), ttlMs))) return null
      await store.setAdd(keys.userGrants(current.grant.sub), [id], { ttlMs })
      return ttlMs
    },

    /** Deletes the grant, its refresh tokens and code replay markers, and announces it. */
    async revoke(id: string): Promise<boolean> {
      const raw = await store.get(keys.grant(id))
      const [codes, tokens] = await Promise.all([
        store.setMembers(keys.grantCodes(id)),
        store.setMembers(keys.grantRefreshTokens(id)),
      ])
      await store.del(
        keys.grant(id),
        keys.grantCodes(id),
        keys.grantRefreshTokens(id),
        ...codes.map((hash) => keys.code(hash)),
        ...tokens.map((hash) => keys.refreshToken(hash)),
      )
      if (raw === null) return false
      const grant = grantSchema.parse(JSON.parse(raw))
      await store.setRemove(keys.userGrants(grant.sub), [id])
      const event: GrantRevokedEvent = { grantId: id, sub: grant.sub, clientId: grant.clientId }
      await store.publish(keys.channels.grantRevoked(), JSON.stringify(event))
      return true
    },

    /** The user's live grants (stale index entries are dropped on the way). */
    async listForUser(sub: string): Promise<Grant[]> {
      const ids = await store.setMembers(keys.userGrants(sub))
      const found = await Promise.all(ids.map(async (id) => ({ id, entry: await read(id) })))
      const stale = found.filter(({ entry }) => entry === null).map(({ id }) => id)
      if (stale.length > 0) await store.setRemove(keys.userGrants(sub), stale)
      return found.flatMap(({ entry }) => (entry === null ? [] : [entry.grant]))
    },
  }
}

export type GrantStore = ReturnType<typeof createGrantStore>
