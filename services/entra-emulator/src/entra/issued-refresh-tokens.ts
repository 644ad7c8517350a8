// The last refresh token the token endpoint issued per app registration and user, as a SHA-256
// hash (never the token), so relying-party tests can check that what they stored is the newest one
// Entra issued: the emulator keeps older refresh tokens valid, as Entra does, so "it still works"
// cannot tell a stale token from the rotated one. Read in process or at GET /_emulator/refresh-tokens.
import { createHash } from 'node:crypto'

export interface IssuedRefreshToken {
  clientId: string
  /** The user's object id (oid). */
  userId: string
  /** Hex SHA-256 of the last refresh token issued to this client for this user. */
  sha256: string
  /** How many refresh tokens were issued to this client for this user since start. */
  issued: number
  /** When the last one was issued (epoch ms, the emulator's clock). */
  issuedAt: number
}

export interface IssuedRefreshTokens {
  record(clientId: string, userId: string, refreshToken: string, at: number): void
  /** Copies, in first-issued order. */
  snapshot(): IssuedRefreshToken[]
}

export const refreshTokenHash = (refreshToken: string): string =>
  createHash('sha256').update(refreshToken, 'utf8').digest('hex')

export function createIssuedRefreshTokens(): IssuedRefreshTokens {
  const last = new Map<string, IssuedRefreshToken>()
  return {
    record(clientId, userId, refreshToken, at) {
      const key = JSON.stringify([clientId, userId])
      const issued = (last.get(key)?.issued ?? 0) + 1
      last.set(key, { clientId, userId, sha256: refreshTokenHash(refreshToken), issued, issuedAt: at })
    },
    snapshot: () => [...last.values()].map((entry) => ({ ...entry })),
  }
}
