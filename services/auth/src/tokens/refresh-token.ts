// Opaque refresh tokens with rotation on every use (OAuth 2.1 §4.3.1, RFC 9700 §4.14.2): 256 random
// bits, stored only as sha256. Using a token marks it `rotated` by compare-and-set, so of concurrent
// uses exactly one mints a successor (ATTACKS D30). Presenting a rotated token again is reuse: the
// whole grant (its token family) is revoked — except inside a short grace window for a client that
// lost the response, where the one successor already minted is handed out again, and only while
// that successor has never been used. The grace rule therefore never creates a second live token.
// The successor travels in the rotated record only as a keyring envelope, for that re-issue.
import { randomToken, sha256, type Keyring } from '@m365mcp/crypto'
import type { Store } from '@m365mcp/store'
import { z } from 'zod'
import { noAuditLog } from '@m365mcp/audit'
import { grantFields, revokeAudited, type AuthAudit } from '../audit/grant-audit.js'
import { noAuthMetrics, type AuthMetrics } from '../metrics/auth-metrics.js'
import type { Keys } from '../store/keys.js'
import type { Grant } from './grant.js'
import type { GrantStore } from './grant-store.js'
import { checkResource, narrowScope } from './requested-scope.js'
import { invalidGrant } from './token-grant-error.js'

const recordSchema = z.object({
  grantId: z.string().min(1),
  clientId: z.string().min(1),
  familyId: z.string().min(1),
  generation: z.number().int().nonnegative(),
  status: z.enum(['active', 'rotated']),
  issuedAt: z.number().int(),
  rotatedAt: z.number().int().optional(),
  /** The successor: its hash, and its value sealed with the keyring for a grace re-issue. */
  next: z.object({ hash: z.string().min(1), sealed: z.string().min(1) }).optional(),
})
type RefreshTokenRecord = z.infer<typeof recordSchema>

export interface RefreshTokensOptions {
  store: Store
  keys: Keys
  keyring: Keyring
  grants: Pick<GrantStore, 'get' | 'touch' | 'revoke' | 'remainingMs'>
  now?: () => number
  /** How long after a rotation the unused successor may be re-issued (default 30 s; 0 disables). */
  graceMs?: number
  /** Counts reuse and revocations (metrics); none by default. */
  metrics?: Pick<AuthMetrics, 'refreshTokenReuseDetected' | 'grantRevoked'>
  /** Records reuse and revocations (audit log); none by default. */
  audit?: AuthAudit
}

export interface RotateInput {
  refreshToken: string
  /** The authenticated client of the token request. */
  clientId: string
  /** Requested scope (RFC 6749 §6), at most what was granted. */
  scope?: string | undefined
  /** Requested resource (RFC 8707), only the grant's own. */
  resource?: string | undefined
}

export interface RotatedRefreshToken {
  grant: Grant
  refreshToken: string
  /** Scope for the access token issued with it. */
  scope: string
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/
const CAS_ATTEMPTS = 4
const successorAad = (hash: string) => `refresh-token-successor:${hash}`

export function createRefreshTokens(options: RefreshTokensOptions) {
  const { store, keys, keyring, grants } = options
  const metrics = options.metrics ?? noAuthMetrics
  const audit = options.audit ?? noAuditLog
  const now = options.now ?? Date.now
  const graceMs = options.graceMs ?? 30_000
  if (!Number.isSafeInteger(graceMs) || graceMs < 0 || graceMs > 300_000) {
    throw new RangeError('refresh tokens: graceMs must be 0–300000')
  }

  /** Writes a new active token of the grant's family; the record lives as long as the grant may. */
  async function put(grant: Grant, record: Omit<RefreshTokenRecord, 'status' | 'issuedAt'>, ttlMs: number) {
    const token = randomToken(32)
    const hash = sha256(token)
    const value: RefreshTokenRecord = { ...record, status: 'active', issuedAt: now() }
    await store.set(keys.refreshToken(hash), JSON.stringify(value), { ttlMs })
    await store.setAdd(keys.grantRefreshTokens(grant.id), [hash], { ttlMs })
    return { token, hash }
  }

  async function read(hash: string): Promise<{ raw: string; record: RefreshTokenRecord } | null> {
    const raw = await store.get(keys.refreshToken(hash))
    return raw === null ? null : { raw, record: recordSchema.parse(JSON.parse(raw)) }
  }

  return {
    /** The first refresh token of a grant, issued with the code exchange. */
    async issue(grant: Grant): Promise<{ refreshToken: string }> {
      const ttlMs = grants.remainingMs(grant)
      if (ttlMs <= 0) throw invalidGrant('expired')
      const familyId = randomToken(16)
      const { token } = await put(
        grant,
        { grantId: grant.id, clientId: grant.clientId, familyId, generation: 0 },
        ttlMs,
      )
      return { refreshToken: token }
    },

    /** Redeems a refresh token for its successor; TokenGrantError on any failure. */
    async rotate(input: RotateInput): Promise<RotatedRefreshToken> {
      if (typeof input.refreshToken !== 'string' || !TOKEN.test(input.refreshToken))
        throw invalidGrant('malformed')
      const hash = sha256(input.refreshToken)
      for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
        const current = await read(hash)
        if (current === null) throw invalidGrant('unknown')
        const { raw, record } = current
        // RFC 6749 §6 / ATTACKS D32: a refresh token is bound to the client it was issued to.
        if (record.clientId !== input.clientId) throw invalidGrant('client_mismatch')
        const grant = await grants.get(record.grantId)
        if (grant === null) {
          await store.del(keys.refreshToken(hash))
          throw invalidGrant('grant_revoked')
        }

        if (record.status === 'rotated') {
          const next = record.next
          const inGrace =
            next !== undefined && record.rotatedAt !== undefined && now() < record.rotatedAt + graceMs
          const successor = inGrace ? await read(next.hash) : null
          if (next === undefined || successor?.record.status !== 'active') {
            metrics.refreshTokenReuseDetected()
            audit.record({ kind: 'refresh_token_reuse', ...grantFields(grant), outcome: 'denied' })
            if (await revokeAudited(grants, audit, grant.id, 'refresh_token_reused', grant))
              metrics.grantRevoked('refresh_token_reused')
            throw invalidGrant('token_reused')
          }
          const scope = narrowScope(input.scope, grant.scope)
          checkResource(input.resource, grant.resource)
          return { grant, refreshToken: keyring.decrypt(next.sealed, successorAad(hash)), scope }
        }

        const scope = narrowScope(input.scope, grant.scope)
        checkResource(input.resource, grant.resource)
        const ttlMs = await grants.touch(grant.id)
        if (ttlMs === null) throw invalidGrant('grant_revoked')
        const successor = await put(
          grant,
          {
            grantId: grant.id,
            clientId: record.clientId,
            familyId: record.familyId,
            generation: record.generation + 1,
          },
          ttlMs,
        )
        const rotated: RefreshTokenRecord = {
          ...record,
          status: 'rotated',
          rotatedAt: now(),
          next: { hash: successor.hash, sealed: keyring.encrypt(successor.token, successorAad(hash)) },
        }
        if (await store.compareAndSet(keys.refreshToken(hash), raw, JSON.stringify(rotated))) {
          return { grant, refreshToken: successor.token, scope }
        }
        // Another request rotated it first: drop our successor and apply the rotated-token rules.
        await store.del(keys.refreshToken(successor.hash))
        await store.setRemove(keys.grantRefreshTokens(grant.id), [successor.hash])
      }
      throw invalidGrant('unknown')
    },

    /** RFC 7009 §2.1: revoking a refresh token revokes its grant; false when unknown or another client's. */
    async revoke({ refreshToken, clientId }: { refreshToken: string; clientId: string }): Promise<boolean> {
      if (typeof refreshToken !== 'string' || !TOKEN.test(refreshToken)) return false
      const current = await read(sha256(refreshToken))
      if (current === null || current.record.clientId !== clientId) return false
      const revoked = await revokeAudited(grants, audit, current.record.grantId, 'client_revoked')
      if (revoked) metrics.grantRevoked('client_revoked')
      return revoked
    },
  }
}

export type RefreshTokens = ReturnType<typeof createRefreshTokens>
