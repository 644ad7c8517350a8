// The gateway's collaborators built from parsed config (STYLE §6): the access token verifier and
// bearer authenticator (shared with the tools service), one undici Agent for both upstreams, the
// tools replica pool with its health checks (and DNS watcher), the rate limiter on the shared store,
// the per-replica cap on open SSE streams, and the readiness probe of the auth service. No
// listening here (server.ts) and no routes (app.ts).
// The store is the caller's (server.ts opens and closes it).
import {
  createAccessTokenVerifier,
  createBearerAuthenticator,
  type BearerAuthenticator,
} from '@m365mcp/access-token'
import { createMetricsRegistry, type Registry } from '@m365mcp/metrics'
import type { Store } from '@m365mcp/store'
import type { Logger } from 'pino'
import { Agent, type Dispatcher } from 'undici'
import type { GatewayConfig } from './config.js'
import { createOriginPolicy, type OriginPolicy } from './http/origin-policy.js'
import { watchDnsReplicas, type DnsReplicaSource, type Lookup } from './proxy/dns-replicas.js'
import { createReplicaPool, type ReplicaPool } from './proxy/replica-pool.js'
import { createGatewayKeys } from './keys.js'
import { createGatewayMetrics, type GatewayMetrics } from './metrics/gateway-metrics.js'
import { createRateLimiter, type RateLimiter } from './rate-limit/rate-limiter.js'
import { createStreamCap, type StreamCap } from './rate-limit/stream-cap.js'

export interface GatewayServices {
  readonly config: GatewayConfig
  readonly bearer: BearerAuthenticator
  readonly origins: OriginPolicy
  readonly dispatcher: Dispatcher
  readonly pool: ReplicaPool
  readonly rateLimiter: RateLimiter
  /** Open SSE streams per user on this replica (SSE_MAX_STREAMS_PER_USER). */
  readonly streamCap: StreamCap
  /** The gateway's metrics and their registry (served by the metrics listener, server.ts). */
  readonly metrics: GatewayMetrics
  /** True when the auth service answers its JWKS (readiness). */
  authReachable(): Promise<boolean>
  /** Starts health checks (and DNS resolution); resolves after the first round. */
  start(): Promise<void>
  close(): Promise<void>
}

export interface CreateGatewayServicesOptions {
  config: GatewayConfig
  logger: Logger
  /** Where rate-limit counters live: Redis shared by every gateway replica, or an in-memory store. */
  store: Store
  now?: () => number
  /** For tests of TOOLS_UPSTREAM_DNS: how names are resolved. */
  lookup?: Lookup
  /** Where the metrics are registered; default a fresh registry without process metrics (tests). */
  metricsRegistry?: Registry
}

export function createGatewayServices(options: CreateGatewayServicesOptions): GatewayServices {
  const { config, logger } = options
  const verifier = createAccessTokenVerifier({
    issuer: new URL(config.PUBLIC_URL).origin,
    jwksUrl: config.AUTH_JWKS_URL,
    ...(options.now ? { now: options.now } : {}),
  })
  const bearer = createBearerAuthenticator({ verifier, publicUrl: config.PUBLIC_URL })
  const dispatcher = new Agent({
    connect: { timeout: 5_000 },
    // Below the upstreams' own keep-alive timeout (Fastify: 72 s), so we never reuse a socket
    // the upstream is about to close.
    keepAliveTimeout: 4_000,
    // No cap on connections per upstream: each open SSE stream holds one, and a cap would queue
    // every other request behind long-lived streams.
  })
  const pool = createReplicaPool({
    dispatcher,
    intervalMs: config.HEALTH_CHECK_INTERVAL,
    timeoutMs: config.HEALTH_CHECK_TIMEOUT,
    logger,
  })
  let dns: DnsReplicaSource | undefined
  if (config.TOOLS_UPSTREAM_DNS !== undefined) {
    dns = watchDnsReplicas({
      hostPort: config.TOOLS_UPSTREAM_DNS,
      pool,
      refreshMs: config.TOOLS_DNS_REFRESH,
      logger,
      ...(options.lookup ? { lookup: options.lookup } : {}),
    })
  } else {
    pool.setReplicas(config.TOOLS_UPSTREAMS ?? [])
  }

  const rateLimiter = createRateLimiter({
    store: options.store,
    keys: createGatewayKeys(`${config.REDIS_PREFIX}gateway:`),
    now: options.now ?? Date.now,
    userLimit: config.RATE_LIMIT_USER_PER_MINUTE,
    clientLimit: config.RATE_LIMIT_CLIENT_PER_MINUTE,
    timeoutMs: config.RATE_LIMIT_STORE_TIMEOUT,
    logger,
  })

  return {
    config,
    bearer,
    origins: createOriginPolicy({ publicUrl: config.PUBLIC_URL, allowedOrigins: config.ALLOWED_ORIGINS }),
    dispatcher,
    pool,
    rateLimiter,
    streamCap: createStreamCap(config.SSE_MAX_STREAMS_PER_USER),
    metrics: createGatewayMetrics({
      registry: options.metricsRegistry ?? createMetricsRegistry({ defaultMetrics: false }),
      healthyReplicas: () => pool.healthyCount(),
    }),
    async authReachable() {
      const jwks = new URL(config.AUTH_JWKS_URL)
      try {
        const response = await dispatcher.request({
          origin: jwks.origin,
          path: jwks.pathname,
          method: 'GET',
          signal: AbortSignal.timeout(config.HEALTH_CHECK_TIMEOUT),
        })
        await response.body.dump()
        return response.statusCode === 200
      } catch {
        return false
      }
    },
    async start() {
      await dns?.start()
      await pool.checkAll()
      pool.start()
    },
    async close() {
      dns?.stop()
      pool.close()
      await dispatcher.close()
    },
  }
}
