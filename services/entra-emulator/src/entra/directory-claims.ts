// The ID token's authorization claims for one user in one app registration, as Entra v2 emits them:
// `roles` lists the app roles assigned to the user that the app declares (absent when none);
// `groups` lists group object ids when the registration's `groupMembershipClaims` asks for them.
// Past the overage limit (200 for JWTs) Entra omits `groups` and points at Graph instead with
// `_claim_names: { groups: 'src1' }` and `_claim_sources` (OIDC Core §5.6.2 distributed claims).
// https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference#groups-overage-claim
// https://learn.microsoft.com/entra/identity-platform/reference-app-manifest#groupmembershipclaims-attribute
import type { SeedGroup, SeedUser } from '../seed/types.js'
import type { EmulatorClient } from './clients.js'

/** Entra's limit of groups in a JWT before the overage claim replaces them. */
export const ENTRA_JWT_GROUPS_LIMIT = 200

export interface DirectoryClaims {
  roles?: string[]
  groups?: string[]
  _claim_names?: { groups: string }
  _claim_sources?: { src1: { endpoint: string } }
}

export type AppRegistrationClaims = Pick<
  EmulatorClient,
  'appRoles' | 'groupMembershipClaims' | 'groupsOverageLimit'
>

export function directoryClaims(
  user: SeedUser,
  app: AppRegistrationClaims | undefined,
  memberOf: readonly SeedGroup[],
  assignedRoles: readonly string[],
): DirectoryClaims {
  const declared = new Set(app?.appRoles ?? [])
  const roles = assignedRoles.filter((role) => declared.has(role))
  const out: DirectoryClaims = roles.length > 0 ? { roles } : {}
  const mode = app?.groupMembershipClaims ?? 'None'
  if (mode === 'None') return out
  const groups = memberOf.filter((g) => mode === 'All' || g.securityEnabled).map((g) => g.id)
  if (groups.length > (app?.groupsOverageLimit ?? ENTRA_JWT_GROUPS_LIMIT)) {
    return {
      ...out,
      _claim_names: { groups: 'src1' },
      _claim_sources: {
        src1: {
          endpoint: `https://graph.windows.net/${user.tenantId}/users/${user.id}/getMemberObjects`,
        },
      },
    }
  }
  return { ...out, groups }
}
