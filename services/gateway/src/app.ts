// buildApp builds the gateway's public listener from its services (STYLE §1): RFC 9728 metadata,
// the OAuth paths proxied to the auth service, the MCP endpoints proxied to the tools pool, probes,
// and a JSON 404 for anything else. It never reads the environment or listens.
import type { ServerResponse } from 'node:http'
import { httpMetrics } from '@m365mcp/metrics'
import type { Store } from '@m365mcp/store'
import type { Tracing } from '@m365mcp/tracing'
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import type { ProxySettings } from './proxy/proxy-request.js'
import { fastifyTrustProxy } from './proxy/trust-proxy.js'
import { authRoutes } from './routes/auth-routes.js'
import { healthRoutes } from './routes/health-routes.js'
import { MCP_SCOPE, mcpRoutes } from './routes/mcp-routes.js'
import { protectedResourceMetadataRoutes } from './routes/protected-resource-metadata.js'
import type { GatewayServices } from './services.js'

export interface BuildAppOptions {
  services: GatewayServices
  logger: Logger
  /** The rate-limit store, checked by /readyz (server.ts passes it when REDIS_URL is set). */
  store?: Store
  /** True once shutdown began: /readyz answers 503 (server.ts passes its shutdown's). */
  isStopping?: () => boolean
  /** Longest wait for each readiness check (tests shorten it). */
  readinessTimeoutMs?: number
  /** Tracing, when TRACING_ENABLED (server.ts starts it): a SERVER span per request. */
  tracing?: Pick<Tracing, 'serverSpans'>
}

export interface GatewayApp {
  app: FastifyInstance
  /**
   * Ends open-ended proxied SSE streams at once with a `retry` hint (clients reconnect, to another
   * gateway replica) and gives other requests, SSE answers to a POST included, up to `graceMs` to
   * finish before ending or cutting them. Call after app.close() began (no new requests).
   */
  drain(graceMs?: number): Promise<void>
}

/** The `retry` hint on streams ended by shutdown: reconnect after 1 s (to another replica). */
const RECONNECT_MS = 1_000

export async function buildApp({
  services,
  logger,
  store,
  isStopping,
  readinessTimeoutMs,
  tracing,
}: BuildAppOptions): Promise<GatewayApp> {
  const { config } = services
  const app: FastifyInstance = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    // Slowloris (ATTACKS F49): Node's headersTimeout and requestTimeout bound how long a client may
    // take to send its request; both clocks stop once the request is fully received, so an SSE
    // stream or a long tool call (the response) is never cut by them. A connection silent in both
    // directions for SSE_IDLE_TIMEOUT is (keep-alive comments keep live streams busy). Node checks
    // these deadlines only every connectionsCheckingInterval (30 s by default): check more often so
    // a slow client is cut close to its deadline.
    http: {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT,
      connectionsCheckingInterval: Math.min(30_000, Math.floor(config.HTTP_HEADERS_TIMEOUT / 2)),
    },
    requestTimeout: config.HTTP_REQUEST_TIMEOUT,
    connectionTimeout: config.SSE_IDLE_TIMEOUT,
    // Longer than common load balancers' idle timeout (60 s), so they close first.
    keepAliveTimeout: 65_000,
    routerOptions: { maxParamLength: 200 },
  })

  // First, so every later hook runs in the request's span. The gateway is the public edge: a
  // client's traceparent is linked, never trusted as the parent (docs/tracing.md).
  if (tracing) await app.register(tracing.serverSpans, { incomingContext: 'link', component: 'gateway' })
  await app.register(httpMetrics, { registry: services.metrics.registry, service: 'gateway' })
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).header('cache-control', 'no-store').send({ error: 'not_found' }),
  )
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    return reply
      .code(status >= 400 && status < 600 ? status : 500)
      .header('cache-control', 'no-store')
      .send(
        status < 500
          ? { error: 'invalid_request', error_description: error.message }
          : { error: 'server_error' },
      )
  })

  // Responses in flight, and which of them are proxied SSE streams, for drain().
  const inFlight = new Set<ServerResponse>()
  const eventStreams = new WeakMap<ServerResponse, (retryMs: number) => void>()
  // Streams that end only when the client leaves: GET /sse, GET /mcp, and a 2026-07-28
  // `subscriptions/listen` (named by its Mcp-Method header). A POST answered as SSE is one request.
  const openEnded = new WeakSet<ServerResponse>()
  app.addHook('onRequest', async (request, reply) => {
    const res = reply.raw
    inFlight.add(res)
    if (request.method === 'GET' || request.headers['mcp-method'] === 'subscriptions/listen')
      openEnded.add(res)
    res.once('close', () => inFlight.delete(res))
  })

  const settings: ProxySettings = {
    dispatcher: services.dispatcher,
    maxBodyBytes: config.MAX_BODY_BYTES,
    headersTimeoutMs: config.UPSTREAM_HEADERS_TIMEOUT,
    bodyTimeoutMs: config.SSE_IDLE_TIMEOUT,
    sseKeepAliveMs: config.SSE_KEEPALIVE,
    onEventStream: (res, end) => {
      eventStreams.set(res, end)
      services.metrics.sseStreamOpened(res)
    },
    onUpstreamError: (upstream, kind) => services.metrics.upstreamError(upstream, kind),
  }
  healthRoutes(app, services, { store, isStopping, checkTimeoutMs: readinessTimeoutMs })
  protectedResourceMetadataRoutes(app, config.PUBLIC_URL, MCP_SCOPE)
  authRoutes(app, config.AUTH_UPSTREAM, settings)
  mcpRoutes(app, services, settings)
  await app.ready()

  return {
    app,
    async drain(graceMs = 10_000) {
      for (const res of inFlight) if (openEnded.has(res)) eventStreams.get(res)?.(RECONNECT_MS)
      const deadline = Date.now() + graceMs
      while (inFlight.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      // Out of time: an SSE answer still gets its retry hint, anything else is cut.
      for (const res of inFlight) {
        const end = eventStreams.get(res)
        if (end) end(RECONNECT_MS)
        else res.destroy()
      }
    },
  }
}
