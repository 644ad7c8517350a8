// buildApp builds the tools service's listener from its services (STYLE §1): `/mcp` (Streamable
// HTTP, every revision), the legacy `/sse` + `/messages`, and the probes `/healthz` and `/readyz`.
// It never reads the environment or listens.
import { originValidation } from '@modelcontextprotocol/fastify'
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { createInFlight } from './http/in-flight.js'
import { httpMetrics } from '@m365mcp/metrics'
import type { Tracing } from '@m365mcp/tracing'
import { registerLegacySse } from './legacy-sse/index.js'
import { mcpRoute } from './mcp/mcp-route.js'
import { healthRoutes } from './routes/health-routes.js'
import type { ToolsServices } from './services.js'

export interface BuildAppOptions {
  services: ToolsServices
  logger: Logger
  /** Registry liveness of legacy SSE sessions (tests shorten it). */
  sseSessionTtlMs?: number
  /** True once shutdown began: /readyz answers 503 (server.ts passes its shutdown's). */
  isStopping?: () => boolean
  /** Longest wait for each readiness check (tests shorten it). */
  readinessTimeoutMs?: number
  /** Tracing, when TRACING_ENABLED (server.ts starts it): a SERVER span per request. */
  tracing?: Pick<Tracing, 'serverSpans'>
}

export interface ToolsApp {
  app: FastifyInstance
  /**
   * Graceful shutdown, after app.close() began (no new requests): ends SSE streams at once with a
   * retry hint (clients reconnect elsewhere), gives requests in flight up to `graceMs` (default
   * 10 s) to finish, then ends `subscriptions/listen` streams and aborts MCP work still running.
   */
  drain: (graceMs?: number) => Promise<void>
}

const MCP_PATHS = new Set(['/mcp', '/sse', '/messages'])
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]']

export async function buildApp({
  services,
  logger,
  sseSessionTtlMs,
  isStopping,
  readinessTimeoutMs,
  tracing,
}: BuildAppOptions): Promise<ToolsApp> {
  const { config } = services
  const app = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.MCP_MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 200 },
    // SSE streams and long tool calls must not be cut by Node's request timeout.
    requestTimeout: 0,
  })
  // First, so every later hook runs in the request's span (parent: the gateway's traceparent).
  if (tracing) await app.register(tracing.serverSpans, { component: 'tools' })
  await app.register(httpMetrics, { registry: services.metrics.registry, service: 'tools' })
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }))
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    return reply
      .code(status >= 400 && status < 600 ? status : 500)
      .send(
        status < 500
          ? { error: 'invalid_request', error_description: error.message }
          : { error: 'server_error' },
      )
  })

  // DNS rebinding and cross-site requests (MCP 2025-11-25 "Transports › Security Warning"): a
  // browser's Origin must be ours or an allowed client's; requests without Origin are not from
  // a browser page and pass. The gateway checks this too; this is defence in depth.
  const allowedHostnames = [config.PUBLIC_URL, ...config.ALLOWED_ORIGINS].map((u) => new URL(u).hostname)
  // A loopback deployment (the embedded default) is reached as localhost, 127.0.0.1 or [::1] alike.
  if (allowedHostnames.some((host) => LOOPBACK.includes(host))) allowedHostnames.push(...LOOPBACK)
  const checkOrigin = originValidation([...new Set(allowedHostnames)])
  app.addHook('onRequest', async (request, reply) => {
    if (MCP_PATHS.has(request.url.split('?', 1)[0] ?? '')) await checkOrigin(request, reply)
  })
  // A 2026-07-28 request names its method in Mcp-Method, which the SDK checks against the body.
  const inFlight = createInFlight()
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?', 1)[0]
    const stream =
      (path === '/sse' && request.method === 'GET') ||
      (path === '/mcp' && request.headers['mcp-method'] === 'subscriptions/listen')
    inFlight.track(reply.raw, stream ? 'stream' : 'request')
  })

  healthRoutes(app, {
    store: services.store,
    authInternalUrl: config.AUTH_INTERNAL_URL,
    ...(isStopping ? { isStopping } : {}),
    ...(readinessTimeoutMs === undefined ? {} : { checkTimeoutMs: readinessTimeoutMs }),
  })

  const mcp = mcpRoute(app, {
    callers: services.callers,
    newServer: () => services.newServer(),
    maxBodyBytes: config.MCP_MAX_BODY_BYTES,
    keepAliveMs: config.SSE_KEEPALIVE,
    logger,
  })
  const sse = await registerLegacySse(app, {
    store: services.store,
    keyPrefix: `${config.REDIS_PREFIX}tools:`,
    replicaId: services.replicaId,
    callers: services.callers,
    newServer: () => services.newServer(),
    logger,
    keepAliveMs: config.SSE_KEEPALIVE,
    ...(sseSessionTtlMs === undefined ? {} : { sessionTtlMs: sseSessionTtlMs }),
    maxBodyBytes: config.MCP_MAX_BODY_BYTES,
    countOpenSession: () => services.metrics.sseSessionOpened(),
  })
  await app.ready()
  return {
    app,
    async drain(graceMs = 10_000) {
      await sse.close()
      const settled = await inFlight.settled(graceMs)
      if (!settled) logger.warn({ requests: inFlight.requests() }, 'requests still in flight are cut')
      await mcp.close()
    },
  }
}
