// Our user id (`sub`). Entra's stable, tenant-scoped identity is the pair tid + oid; email and UPN
// are mutable and can be claimed in another tenant (nOAuth, ATTACKS C23), so they never enter it.
// https://learn.microsoft.com/entra/identity-platform/claims-validation#validate-the-subject
import { sha256 } from '@m365mcp/crypto'

export const USER_ID_PREFIX = 'usr_'

/** `usr_` + base64url(SHA-256(`${tid}:${oid}`)); tid and oid are GUIDs, compared lower-case. */
export function userIdFor(tid: string, oid: string): string {
  return `${USER_ID_PREFIX}${sha256(`${tid.toLowerCase()}:${oid.toLowerCase()}`)}`
}
