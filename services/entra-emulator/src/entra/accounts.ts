// The tenant's users as oidc-provider accounts, and the claims Entra v2 ID tokens carry for them.
// https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
import { createHash, randomUUID } from 'node:crypto'
import type { Account } from 'oidc-provider'
import type { SeedUser } from '../seed/types.js'

export interface Directory {
  /** A user of this tenant by object id. */
  byId(oid: string): SeedUser | undefined
  /** A user of this tenant by user principal name, case-insensitively. */
  byUpn(upn: string): SeedUser | undefined
  /** The users offered on the login page. */
  demoUsers(): SeedUser[]
}

export function createDirectory(tenantId: string, users: readonly SeedUser[]): Directory {
  const own = users.filter((u) => u.tenantId === tenantId)
  const ids = new Map(own.map((u) => [u.id, u]))
  const upns = new Map(own.map((u) => [u.userPrincipalName.toLowerCase(), u]))
  return {
    byId: (oid) => ids.get(oid),
    byUpn: (upn) => upns.get(upn.trim().toLowerCase()),
    demoUsers: () => own.filter((u) => u.demo && u.accountEnabled),
  }
}

/**
 * Entra's `sub` is pairwise: the same user has a different, stable subject in every application
 * (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference#payload-claims).
 */
export function pairwiseSubject(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid.toLowerCase()}|${clientId.toLowerCase()}`).digest('base64url')
}

/** oidc-provider's `findAccount`: the account id is the user's object id. */
export function accountFor(user: SeedUser): Account {
  return {
    accountId: user.id,
    claims: () => ({
      sub: user.id,
      oid: user.id,
      tid: user.tenantId,
      ver: '2.0',
      uti: randomUUID().replaceAll('-', ''),
      name: user.displayName,
      preferred_username: user.userPrincipalName,
      email: user.mail,
    }),
  }
}
