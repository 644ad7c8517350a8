// Grant events for the audit log (docs/audit.md): the grant's ids only, never its tokens, scopes'
// consent text or the user's profile. Recorded next to the metrics of the same event.
import type { AuditLog } from '@m365mcp/audit'
import type { GrantRevokedReason } from '../metrics/auth-metrics.js'
import type { Grant } from '../tokens/grant.js'
import type { GrantStore } from '../tokens/grant-store.js'

export type AuthAudit = Pick<AuditLog, 'record'>

/** Who and which client a grant event concerns. */
export function grantFields(grant: Pick<Grant, 'id' | 'sub' | 'tid' | 'clientId'>) {
  return { subject: grant.sub, tenantId: grant.tid, clientId: grant.clientId, grantId: grant.id }
}

/**
 * Revokes a grant and records it when this call revoked it. The grant is read first (revoking
 * deletes it) unless the caller already holds it.
 */
export async function revokeAudited(
  grants: Pick<GrantStore, 'get' | 'revoke'>,
  audit: AuthAudit,
  grantId: string,
  reason: GrantRevokedReason,
  known?: Grant,
): Promise<boolean> {
  const grant = known ?? (await grants.get(grantId))
  const revoked = await grants.revoke(grantId)
  if (revoked && grant !== null)
    audit.record({ kind: 'grant_revoked', ...grantFields(grant), outcome: 'ok', reason })
  return revoked
}
