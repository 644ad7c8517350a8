// The identity side of the emulator: Entra ID v2 endpoints for every tenant and for the multi-tenant
// authorities (organizations, common), the sign-in page and, when enabled, the test-control API.
// Builds a Fastify instance; the caller listens.
import Fastify from 'fastify'
import type { FastifyBaseLogger, FastifyInstance, FastifyServerFactory } from 'fastify'
import type { FaultRegistry } from '../faults/registry.js'
import type { SeedTenant } from '../seed/types.js'
import type { DirectorySeed } from './accounts.js'
import { aadsts } from './aadsts.js'
import { registerAdminRoutes } from './admin-routes.js'
import { registerAuthorizeRoutes } from './authorize-routes.js'
import { createClientRegistry } from './clients.js'
import type { EmulatorClient } from './clients.js'
import { registerDiscoveryRoutes } from './discovery.js'
import { requestIds } from './entra-error.js'
import type { IdentityContext } from './identity-context.js'
import type { TenantKeys } from './keys.js'
import { registerLoginRoutes } from './login-routes.js'
import { registerLogoutRoutes } from './logout-routes.js'
import { registerMultiTenantRoutes } from './multi-tenant.js'
import { sendErrorPage, sendJsonError } from './replies.js'
import { createTenantIdentity } from './tenant-identity.js'
import { registerTokenRoutes } from './token-routes.js'
import { createTokenStats, type TokenStatsSnapshot } from './token-stats.js'
import { createIssuedRefreshTokens, type IssuedRefreshToken } from './issued-refresh-tokens.js'

export type { EmulatorClient } from './clients.js'
export { emulatorClientSchema } from './clients.js'
export type { TokenStatsSnapshot } from './token-stats.js'
export type { IssuedRefreshToken } from './issued-refresh-tokens.js'

export interface IdentityAppDeps {
  /** Public origin, e.g. http://localhost:8790: scheme, host and port, no path or trailing slash. */
  origin: string
  tenants: readonly SeedTenant[]
  /** Users, groups and app role assignments of every tenant. */
  directory: DirectorySeed
  keys: TenantKeys
  faults: FaultRegistry
  /** App registrations known from the start. */
  clients: readonly EmulatorClient[]
  /** Serve /_emulator (faults, app registrations, revocation). Tests only. */
  adminEnabled: boolean
  logger: FastifyBaseLogger
  /** Lifetime of Graph access tokens, default 3600 (Entra's default is 60–90 minutes). */
  accessTokenTtlSeconds?: number
  /** The emulator's clock (epoch ms) for Graph token lifetimes, error timestamps and revocation. */
  now?: () => number
  serverFactory?: FastifyServerFactory
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Registers (or replaces) an app registration at run time; throws a ZodError on invalid input. */
    addClient(client: EmulatorClient): void
    /** Token-endpoint request counts per grant type and client since start. */
    tokenStats(): TokenStatsSnapshot
    /** Hash of the last refresh token issued per client and user since start. */
    issuedRefreshTokens(): IssuedRefreshToken[]
  }
}

function publicOrigin(origin: string): string {
  const url = URL.parse(origin)
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
    throw new Error(
      `identity origin must be scheme://host[:port] without path or trailing slash, got ${origin}`,
    )
  }
  return origin
}

export function buildIdentityApp(deps: IdentityAppDeps): FastifyInstance {
  const origin = publicOrigin(deps.origin)
  const now = deps.now ?? Date.now
  const accessTokenTtlSeconds = deps.accessTokenTtlSeconds ?? 3600
  if (!Number.isInteger(accessTokenTtlSeconds) || accessTokenTtlSeconds <= 0) {
    throw new Error('accessTokenTtlSeconds must be a positive integer')
  }
  const clients = createClientRegistry(deps.tenants.map((t) => t.id))
  for (const client of deps.clients) clients.add(client)

  const app: FastifyInstance = Fastify({
    loggerInstance: deps.logger,
    ...(deps.serverFactory ? { serverFactory: deps.serverFactory } : {}),
  })
  const issuedRefreshTokens = createIssuedRefreshTokens()
  const identities = new Map(
    deps.tenants.map((tenant) => [
      tenant.id,
      createTenantIdentity({
        origin,
        tenant,
        directory: deps.directory,
        keys: deps.keys,
        clients,
        accessTokenTtlSeconds,
        now,
        logger: deps.logger,
        onRefreshTokenIssued: (clientId, userId, refreshToken) =>
          issuedRefreshTokens.record(clientId, userId, refreshToken, now()),
      }),
    ]),
  )
  const context: IdentityContext = {
    origin,
    tenants: deps.tenants,
    identities,
    clients,
    faults: deps.faults,
    tokenStats: createTokenStats(),
    issuedRefreshTokens,
    now,
  }

  app.decorate('addClient', (client: EmulatorClient) => {
    clients.add(client)
  })
  app.decorate('tokenStats', () => context.tokenStats.snapshot())
  app.decorate('issuedRefreshTokens', () => context.issuedRefreshTokens.snapshot())
  app.setErrorHandler((error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'identity request failed')
    const err = status < 500 ? aadsts.malformed() : aadsts.serverError()
    const ids = requestIds(request.headers)
    const browser = request.headers.accept?.includes('text/html') === true
    return browser ? sendErrorPage(reply, err, ids, now()) : sendJsonError(reply, err, ids, now())
  })

  registerDiscoveryRoutes(app, { origin, tenants: deps.tenants, keys: deps.keys, now })
  registerAuthorizeRoutes(app, context)
  registerMultiTenantRoutes(app, context)
  registerTokenRoutes(app, context)
  registerLogoutRoutes(app, context)
  registerLoginRoutes(app, context)
  if (deps.adminEnabled) registerAdminRoutes(app, context)
  return app
}
