// Consent as Entra records it: per user and application. Permissions an administrator consented for
// the app need no user consent (so silent sign-in works for them); anything else the user consents to
// on the sign-in page is added to the same grant.
import type { Grant, KoaContextWithOIDC, Provider } from 'oidc-provider'
import { fromProviderScope, OIDC_SCOPES, PROVIDER_OFFLINE_SCOPE } from './scopes.js'
import { GRAPH_AUDIENCE } from './tenants.js'

function addScopes(grant: Grant, scope: string): void {
  const requested = fromProviderScope(scope)
  const oidc = [...requested.oidc, ...(requested.offlineAccess ? [PROVIDER_OFFLINE_SCOPE] : [])]
  if (oidc.length > 0) grant.addOIDCScope(oidc)
  if (requested.graph.length > 0) grant.addResourceScope(GRAPH_AUDIENCE, requested.graph)
}

/** Records the user's consent to `scope` (provider spelling) and returns the grant id. */
export async function recordConsent(
  provider: Provider,
  input: { grantId: string | undefined; accountId: string; clientId: string; scope: string },
): Promise<string> {
  const existing = input.grantId === undefined ? undefined : await provider.Grant.find(input.grantId)
  const grant =
    existing?.accountId === input.accountId && existing.clientId === input.clientId
      ? existing
      : new provider.Grant({ accountId: input.accountId, clientId: input.clientId })
  addScopes(grant, input.scope)
  return grant.save()
}

/** OpenID Connect permissions that come with an administrator's consent to the app. */
const ADMIN_CONSENTED_OIDC = [...OIDC_SCOPES, PROVIDER_OFFLINE_SCOPE]

/** Adds what an administrator consented for the app to the user's grant; saves only on change. */
async function withAdminConsent(grant: Grant, permissions: readonly string[]): Promise<Grant> {
  const oidc = new Set(grant.getOIDCScope().split(' '))
  const graph = new Set(grant.getResourceScope(GRAPH_AUDIENCE).split(' '))
  const missingOidc = ADMIN_CONSENTED_OIDC.filter((s) => !oidc.has(s))
  const missingGraph = permissions.filter((p) => !graph.has(p))
  if (missingOidc.length > 0) grant.addOIDCScope(missingOidc)
  if (missingGraph.length > 0) grant.addResourceScope(GRAPH_AUDIENCE, missingGraph)
  if (missingOidc.length + missingGraph.length > 0) await grant.save()
  return grant
}

/**
 * oidc-provider's `loadExistingGrant`: the user's grant for the client (from the interaction result
 * or the session), or a new one for a signed-in user meeting the app for the first time — either way
 * holding the admin-consented permissions, which never need the user's consent.
 */
export function createGrantLoader(adminConsented: (clientId: string) => readonly string[] | undefined) {
  return async (ctx: KoaContextWithOIDC): Promise<Grant | undefined> => {
    const { client, session, account, result } = ctx.oidc
    if (!client || !account) return undefined
    const permissions = adminConsented(client.clientId) ?? []
    const grantId =
      (result?.consent as { grantId?: string } | undefined)?.grantId ?? session?.grantIdFor(client.clientId)
    const existing = grantId === undefined ? undefined : await ctx.oidc.provider.Grant.find(grantId)
    if (existing && existing.accountId !== account.accountId) return existing // oidc-provider refuses the mismatch
    const grant =
      existing ?? new ctx.oidc.provider.Grant({ accountId: account.accountId, clientId: client.clientId })
    return withAdminConsent(grant, permissions)
  }
}
