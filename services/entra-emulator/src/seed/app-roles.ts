// App role assignments of the demo users. In Entra an app registration declares app roles
// (manifest `appRoles[].value`) and an administrator assigns them to users on the enterprise
// application; the ID token's `roles` claim lists the values assigned to the signed-in user.
// The emulator keeps one assignment list per user: an app registration receives the values it
// declares (its `appRoles`), so an app declaring none sees no `roles` claim, as in Entra.
// https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps
import type { SeedUser } from './types.js'

/** The app roles the built-in demo app registration declares. */
export const DEMO_APP_ROLES: readonly string[] = [
  'Tools.Reader',
  'Tools.Writer',
  'Tools.Admin',
  'Mail.Sender',
]

/** Assignments by user principal name; demo users not listed have no app role. */
const ASSIGNMENTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['priya.raman@contoso.example', ['Tools.Writer', 'Mail.Sender']],
  ['marcus.chen@contoso.example', ['Tools.Writer', 'Tools.Admin']],
  ['zoe.fischer@contoso.example', ['Tools.Reader']],
  ['hannah.okafor@contoso.example', ['Tools.Reader']],
  ['ingrid.novak@fabrikam.example', ['Tools.Admin']],
])

/** User object id → assigned app role values (only users with at least one). */
export function buildAppRoleAssignments(users: readonly SeedUser[]): Map<string, string[]> {
  const byUser = new Map<string, string[]>()
  for (const user of users) {
    const roles = ASSIGNMENTS.get(user.userPrincipalName.toLowerCase())
    if (roles !== undefined) byUser.set(user.id, [...roles])
  }
  return byUser
}
