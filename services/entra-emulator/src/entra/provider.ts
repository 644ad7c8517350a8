// One oidc-provider per tenant, configured as Entra ID v2: issuer `{origin}/{tenant}/v2.0`, Entra's
// endpoint paths, pairwise subjects, RS256 with the tenant's key, Graph as the only resource
// (RFC 8707 resource indicators stay internal: Entra refuses the `resource` parameter), JWT access
// tokens shaped by access-token-claims.ts, refresh tokens whenever offline_access is asked for.
// Configuration reference: https://github.com/panva/node-oidc-provider/blob/main/docs/README.md
import { randomBytes } from 'node:crypto'
import Provider, { errors } from 'oidc-provider'
import type { AdapterPayload, Configuration } from 'oidc-provider'
import type { SeedTenant } from '../seed/types.js'
import { createAccessTokenCustomizer } from './access-token-claims.js'
import { accountFor, pairwiseSubject } from './accounts.js'
import type { Directory } from './accounts.js'
import { isConfidential } from './clients.js'
import type { RegisteredClient } from './clients.js'
import { createGrantLoader } from './grants.js'
import { GRAPH_DELEGATED_PERMISSIONS } from './graph-permissions.js'
import type { ProviderStore } from './provider-store.js'
import { OIDC_SCOPES, PROVIDER_OFFLINE_SCOPE } from './scopes.js'
import { GRAPH_AUDIENCE } from './tenants.js'
import type { TenantKeys } from './keys.js'

export const ROUTES = {
  authorization: '/oauth2/v2.0/authorize',
  token: '/oauth2/v2.0/token',
  jwks: '/discovery/v2.0/keys',
  end_session: '/oauth2/v2.0/logout',
} as const

/** Entra's default lifetimes (https://learn.microsoft.com/entra/identity-platform/configurable-token-lifetimes). */
const DAY = 86_400
const LIFETIMES = {
  code: 600,
  idToken: 3600,
  interaction: 3600,
  session: 14 * DAY,
  refreshToken: 90 * DAY,
  grant: 5 * 365 * DAY,
}

export interface TenantProviderDeps {
  origin: string
  tenant: SeedTenant
  keys: TenantKeys
  directory: Directory
  store: ProviderStore
  client(clientId: string): RegisteredClient | undefined
  accessTokenTtlSeconds: number
  now: () => number
  renderError: NonNullable<Configuration['renderError']>
  logoutSource: (ctx: Parameters<NonNullable<Configuration['renderError']>>[0], form: string) => void
  postLogoutSuccessSource: (ctx: Parameters<NonNullable<Configuration['renderError']>>[0]) => void
}

/** oidc-provider client metadata for an app registration; the front channel authenticates the app. */
export function providerClientMetadata(origin: string, client: RegisteredClient): AdapterPayload {
  return {
    client_id: client.clientId,
    client_name: client.name,
    ...(isConfidential(client)
      ? { client_secret: client.providerSecret, token_endpoint_auth_method: 'client_secret_post' }
      : { token_endpoint_auth_method: 'none' }),
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.redirectUris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    subject_type: 'pairwise',
    // oidc-provider wants an https sector identifier for pairwise clients with several redirect
    // hosts. It is never fetched (sectorIdentifierUriValidate): subjects are keyed by app id, as in Entra.
    sector_identifier_uri: `https://${new URL(origin).host}/${client.tenantId}/sector/${client.clientId}`,
    id_token_signed_response_alg: 'RS256',
  }
}

export function createTenantProvider(deps: TenantProviderDeps): Provider {
  const tid = deps.tenant.id
  const configuration: Configuration = {
    adapter: (model) => deps.store.adapter(model),
    jwks: { keys: [deps.keys.privateJwk(tid)] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Tenants share the origin; path-scoped session cookies keep their sign-ins apart.
      long: { httpOnly: true, sameSite: 'lax', path: `/${tid}/` },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: { ...ROUTES },
    scopes: [...OIDC_SCOPES, PROVIDER_OFFLINE_SCOPE],
    claims: {
      // roles and groups are in every Entra ID token that has them, whatever the scopes.
      openid: ['sub', 'tid', 'ver', 'uti', 'roles', 'groups'],
      profile: ['oid', 'name', 'preferred_username'],
      email: ['email'],
    },
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(accountId, client.clientId),
    sectorIdentifierUriValidate: () => false,
    findAccount: (ctx, id) => {
      const user = deps.directory.byId(id)
      const clientId = ctx.oidc.client?.clientId
      return user
        ? accountFor(user, deps.directory, clientId === undefined ? undefined : deps.client(clientId))
        : undefined
    },
    clientBasedCORS: () => false,
    allowOmittingSingleRegisteredRedirectUri: false,
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false }, // Entra's userinfo endpoint is part of Microsoft Graph
      revocation: { enabled: false },
      introspection: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: deps.logoutSource,
        postLogoutSuccessSource: deps.postLogoutSuccessSource,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => GRAPH_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== GRAPH_AUDIENCE) throw new errors.InvalidTarget()
          return {
            scope: GRAPH_DELEGATED_PERMISSIONS.join(' '),
            audience: GRAPH_AUDIENCE,
            accessTokenTTL: deps.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }
        },
      },
    },
    formats: {
      customizers: { jwt: createAccessTokenCustomizer({ directory: deps.directory, now: deps.now }) },
    },
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    issueRefreshToken: (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has(PROVIDER_OFFLINE_SCOPE),
    rotateRefreshToken: false,
    expiresWithSession: () => false,
    loadExistingGrant: createGrantLoader((clientId) => deps.client(clientId)?.permissions),
    interactions: { url: (_ctx, interaction) => `${deps.origin}/${tid}/login/${interaction.uid}` },
    renderError: deps.renderError,
    ttl: {
      AccessToken: deps.accessTokenTtlSeconds,
      AuthorizationCode: LIFETIMES.code,
      IdToken: LIFETIMES.idToken,
      Interaction: LIFETIMES.interaction,
      Session: LIFETIMES.session,
      RefreshToken: LIFETIMES.refreshToken,
      Grant: LIFETIMES.grant,
    },
  }
  return new Provider(`${deps.origin}/${tid}/v2.0`, configuration)
}
