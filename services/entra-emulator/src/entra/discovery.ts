// Entra's per-tenant OpenID Provider metadata (OpenID Connect Discovery 1.0 §3) and signing keys.
// As in Entra, PKCE support is not advertised (S256 is accepted) and only what the emulator serves
// is listed: the authorization code flow and client authentication by secret or certificate.
// The multi-tenant authorities `organizations` and `common` are served as Entra serves them: the
// issuer is the template `{origin}/{tenantid}/v2.0` (each ID token carries its user's own tenant),
// the endpoints are the authority's (multi-tenant.ts), the key set holds every tenant's keys.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { entraErrorBody, entraHeaders, requestIds } from './entra-error.js'
import type { TenantKeys } from './keys.js'
import { ROUTES } from './provider.js'
import { lookupTenant } from './tenant-path.js'
import type { SeedTenant } from '../seed/types.js'

/** Entra's multi-tenant authorities (`consumers`, personal accounts, is not emulated). */
export const MULTI_TENANT_AUTHORITIES = ['organizations', 'common'] as const
export type MultiTenantAuthority = (typeof MULTI_TENANT_AUTHORITIES)[number]

/** The issuer template of the multi-tenant authorities' metadata, filled with `tid` by relying parties. */
export const TENANT_ID_TEMPLATE = '{tenantid}'

export function openidConfiguration(origin: string, tenantId: string): Record<string, unknown> {
  const base = `${origin}/${tenantId}`
  const multiTenant = (MULTI_TENANT_AUTHORITIES as readonly string[]).includes(tenantId)
  return {
    token_endpoint: `${base}${ROUTES.token}`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}${ROUTES.jwks}`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: multiTenant ? `${origin}/${TENANT_ID_TEMPLATE}/v2.0` : `${base}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}${ROUTES.authorization}`,
    end_session_endpoint: `${base}${ROUTES.end_session}`,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
      'oid',
      'roles',
      'groups',
    ],
  }
}

export interface DiscoveryDeps {
  origin: string
  tenants: readonly SeedTenant[]
  keys: TenantKeys
  now: () => number
}

export function registerDiscoveryRoutes(app: FastifyInstance, deps: DiscoveryDeps): void {
  const serve =
    (document: (tenantId: string) => unknown) =>
    async (request: FastifyRequest<{ Params: { tenant: string } }>, reply: FastifyReply) => {
      const ids = requestIds(request.headers)
      reply.headers({ ...entraHeaders(ids), 'access-control-allow-origin': '*' })
      const found = lookupTenant(request.params.tenant, deps.tenants, 'invalid_tenant')
      if (!found.ok) return reply.code(found.error.status).send(entraErrorBody(found.error, ids, deps.now()))
      return reply.header('cache-control', 'max-age=86400, private').send(document(found.tenant.id))
    }
  app.get<{ Params: { tenant: string } }>(
    '/:tenant/v2.0/.well-known/openid-configuration',
    serve((tid) => openidConfiguration(deps.origin, tid)),
  )
  app.get<{ Params: { tenant: string } }>(
    `/:tenant${ROUTES.jwks}`,
    serve((tid) => deps.keys.publicJwks(tid)),
  )
  for (const authority of MULTI_TENANT_AUTHORITIES) {
    const serveStatic = (document: unknown) => async (request: FastifyRequest, reply: FastifyReply) =>
      reply
        .headers({ ...entraHeaders(requestIds(request.headers)), 'access-control-allow-origin': '*' })
        .header('cache-control', 'max-age=86400, private')
        .send(document)
    app.get(
      `/${authority}/v2.0/.well-known/openid-configuration`,
      serveStatic(openidConfiguration(deps.origin, authority)),
    )
    app.get(
      `/${authority}${ROUTES.jwks}`,
      serveStatic({ keys: deps.tenants.flatMap((t) => deps.keys.publicJwks(t.id).keys) }),
    )
  }
}
