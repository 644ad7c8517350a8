// "Revoke sessions" for a user, as Microsoft Graph's revokeSignInSessions does: every refresh token
// and browser session of the user stops working; a refresh is then answered with AADSTS50173.
import type { ProviderStore } from './provider-store.js'

export interface Revocations {
  /** Revokes the user's grants (hence refresh tokens) and sign-in sessions in this tenant. */
  revokeUser(oid: string, now: number): { grants: number; sessions: number }
  /** When the grant was revoked (epoch ms), if it was. */
  revokedAt(grantId: string): number | undefined
}

export function createRevocations(store: ProviderStore): Revocations {
  const revoked = new Map<string, number>()
  return {
    revokeUser(oid, now) {
      const grants = store.idsOf('Grant', oid)
      const sessions = store.idsOf('Session', oid)
      for (const id of grants) {
        revoked.set(id, now)
        store.destroy('Grant', id)
      }
      for (const id of sessions) store.destroy('Session', id)
      return { grants: grants.length, sessions: sessions.length }
    },
    revokedAt: (grantId) => revoked.get(grantId),
  }
}
