// buildApp builds the public listener of the auth service (behind the gateway) from its services;
// buildInternalApp builds the internal listener (token exchange for the tools service). Neither
// reads the environment or listens (STYLE §1).
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { httpMetrics } from '@m365mcp/metrics'
import type { Tracing } from '@m365mcp/tracing'
import { API_CORS_PATHS, apiCors } from './http/api-cors.js'
import { errorHandler } from './http/error-handler.js'
import { tokenExchangeRoutes } from './internal/token-exchange.js'
import { authorizeRoutes } from './routes/authorize.js'
import { callbackRoutes } from './routes/callback.js'
import { consentRoutes } from './routes/consent.js'
import { healthRoutes } from './routes/health-routes.js'
import { metadataRoutes } from './routes/metadata.js'
import { registerRoutes } from './routes/register.js'
import { revokeRoutes } from './routes/revoke.js'
import { tokenRoutes } from './routes/token.js'
import type { AuthServices } from './services.js'

export interface BuildAppOptions {
  services: AuthServices
  logger: Logger
  /** Fastify trustProxy: which proxies may set X-Forwarded-* (the gateway). */
  trustProxy?: string | boolean
  /** True once shutdown began: /readyz answers 503 (server.ts passes its shutdown's). */
  isStopping?: () => boolean
  /** Longest wait for each readiness check (tests shorten it). */
  readinessTimeoutMs?: number
  /** Tracing, when TRACING_ENABLED (server.ts starts it): a SERVER span per request. */
  tracing?: Pick<Tracing, 'serverSpans'>
}

const BODY_LIMIT = 64 * 1024

function base(logger: Logger, trustProxy: string | boolean): FastifyInstance {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the widening keeps FastifyInstance's default generics.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy,
    bodyLimit: BODY_LIMIT,
    // Oversized query strings (ATTACKS A11) are refused before any work.
    routerOptions: { maxParamLength: 200 },
  })
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' }),
  )
  return app
}

export async function buildApp({
  services,
  logger,
  trustProxy = 'loopback',
  isStopping,
  readinessTimeoutMs,
  tracing,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = base(logger, trustProxy)
  // First, so every later hook runs in the request's span (parent: the gateway's traceparent).
  if (tracing) await app.register(tracing.serverSpans, { component: 'auth' })
  await app.register(httpMetrics, { registry: services.metrics.registry, service: 'auth' })
  await app.register(cookie)
  await app.register(formbody, { bodyLimit: BODY_LIMIT })
  app.addHook('onRequest', async (request, reply) => {
    // A11: a query string beyond 16 KB is refused before parsing it further.
    if (request.url.length > 16_384) {
      return reply
        .code(414)
        .header('cache-control', 'no-store')
        .send({ error: 'invalid_request', error_description: 'request URI too long' })
    }
    return undefined
  })

  healthRoutes(app, {
    store: services.store,
    signingKeys: services.signingKeys,
    ...(isStopping ? { isStopping } : {}),
    ...(readinessTimeoutMs === undefined ? {} : { checkTimeoutMs: readinessTimeoutMs }),
  })
  apiCors(
    app,
    API_CORS_PATHS.filter((path) => path !== '/register' || services.config.DCR_ENABLED),
  )
  metadataRoutes(app, services)
  if (services.config.DCR_ENABLED)
    registerRoutes(app, { clientStore: services.clientStore, limits: services.registrationLimits })
  authorizeRoutes(app, services)
  consentRoutes(app, services)
  callbackRoutes(app, services)
  tokenRoutes(app, services)
  revokeRoutes(app, { ...services, resources: services.resources.resources })
  return app
}

export async function buildInternalApp({
  services,
  logger,
  tracing,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = base(logger, false)
  // Parent: the traceparent of the tools replica's token exchange call.
  if (tracing) await app.register(tracing.serverSpans, { component: 'auth-internal' })
  await app.register(httpMetrics, { registry: services.metrics.registry, service: 'auth' })
  await app.register(formbody, { bodyLimit: BODY_LIMIT })
  // Liveness of the internal listener: what the tools service's /readyz checks.
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))
  tokenExchangeRoutes(app, {
    internalSecret: services.config.INTERNAL_API_SECRET.reveal(),
    verifier: services.verifier,
    resources: services.resources.resources,
    grants: services.grants,
    graphTokens: services.graphTokens,
    now: services.now,
    metrics: services.metrics,
  })
  return app
}
