// Authorization claims of the Entra ID token that our access tokens carry on to tool policies:
// `roles` (app role values assigned to the user for our app registration) and `groups` (group
// object ids, only when the registration emits group claims). Upstream input: each claim is kept
// only when it is an array of 1–512 character strings with at most 256 entries, else dropped whole
// (a partial list could grant a rule by accident or hide a deny). Groups overage: a user in more
// groups than fit in a token gets no `groups` but `_claim_names.groups` (OIDC Core §5.6.2) or
// `hasgroups: true`; we then carry no groups (fetching /me/memberOf is out of scope).
// https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference#groups-overage-claim

export const MAX_DIRECTORY_ENTRIES = 256
export const MAX_DIRECTORY_VALUE_LENGTH = 512

export type DirectoryClaimName = 'roles' | 'groups'

export interface DirectoryClaims {
  /** Absent when Entra sent none (or an empty list). */
  roles?: string[]
  groups?: string[]
  /** Entra signalled groups overage: group rules cannot apply to this user. */
  groupsOverage: boolean
  /** Claims present but malformed, dropped; the caller logs them. */
  dropped: DirectoryClaimName[]
}

type Checked = { ok: true; values: string[] | undefined } | { ok: false }

function stringList(value: unknown): Checked {
  if (value === undefined) return { ok: true, values: undefined }
  if (!Array.isArray(value) || value.length > MAX_DIRECTORY_ENTRIES) return { ok: false }
  const valid = value.every(
    (v): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_DIRECTORY_VALUE_LENGTH,
  )
  if (!valid) return { ok: false }
  return { ok: true, values: value.length === 0 ? undefined : [...new Set(value)] }
}

function signalsGroupsOverage(claims: Record<string, unknown>): boolean {
  const names = claims._claim_names
  const distributed =
    typeof names === 'object' && names !== null && Object.prototype.hasOwnProperty.call(names, 'groups')
  return distributed || claims.hasgroups === true
}

export function directoryClaimsFrom(claims: Record<string, unknown>): DirectoryClaims {
  const out: DirectoryClaims = { groupsOverage: signalsGroupsOverage(claims), dropped: [] }
  const roles = stringList(claims.roles)
  if (!roles.ok) out.dropped.push('roles')
  else if (roles.values !== undefined) out.roles = roles.values
  if (out.groupsOverage) return out
  const groups = stringList(claims.groups)
  if (!groups.ok) out.dropped.push('groups')
  else if (groups.values !== undefined) out.groups = groups.values
  return out
}
