// The tenant's users as oidc-provider accounts, and the claims Entra v2 ID tokens carry for them.
// https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
import { createHash, randomUUID } from 'node:crypto'
import type { Account } from 'oidc-provider'
import type { SeedGroup, SeedUser } from '../seed/types.js'
import { directoryClaims, type AppRegistrationClaims } from './directory-claims.js'

export interface Directory {
  /** A user of this tenant by object id. */
  byId(oid: string): SeedUser | undefined
  /** A user of this tenant by user principal name, case-insensitively. */
  byUpn(upn: string): SeedUser | undefined
  /** The users offered on the login page. */
  demoUsers(): SeedUser[]
  /** The groups the user is a direct member of (what Graph's /me/memberOf lists). */
  memberOf(oid: string): SeedGroup[]
  /** App role values assigned to the user. */
  appRolesOf(oid: string): readonly string[]
}

export interface DirectorySeed {
  users: readonly SeedUser[]
  groups: readonly SeedGroup[]
  appRolesByUser: ReadonlyMap<string, readonly string[]>
}

export function createDirectory(tenantId: string, seed: DirectorySeed): Directory {
  const own = seed.users.filter((u) => u.tenantId === tenantId)
  const ids = new Map(own.map((u) => [u.id, u]))
  const upns = new Map(own.map((u) => [u.userPrincipalName.toLowerCase(), u]))
  const groups = seed.groups.filter((g) => g.tenantId === tenantId)
  return {
    byId: (oid) => ids.get(oid),
    byUpn: (upn) => upns.get(upn.trim().toLowerCase()),
    demoUsers: () => own.filter((u) => u.demo && u.accountEnabled),
    memberOf: (oid) => groups.filter((g) => g.memberIds.includes(oid)),
    appRolesOf: (oid) => seed.appRolesByUser.get(oid) ?? [],
  }
}

/**
 * Entra's `sub` is pairwise: the same user has a different, stable subject in every application
 * (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference#payload-claims).
 */
export function pairwiseSubject(oid: string, clientId: string): string {
  return createHash('sha256').update(`${oid.toLowerCase()}|${clientId.toLowerCase()}`).digest('base64url')
}

/**
 * oidc-provider's `findAccount`: the account id is the user's object id. `app` is the registration
 * the token is for: its roles and group claim settings decide `roles` and `groups`.
 */
export function accountFor(user: SeedUser, directory: Directory, app?: AppRegistrationClaims): Account {
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
      ...directoryClaims(user, app, directory.memberOf(user.id), directory.appRolesOf(user.id)),
    }),
  }
}
