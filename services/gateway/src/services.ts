// The gateway's collaborators built from parsed config (STYLE §6): the access token verifier and
// bearer authenticator (shared with the tools service), one undici Agent for both upstreams, the
// tools replica pool with its health checks (and DNS watcher), and the readiness probe of the auth
// service. No listening here (server.ts) and no routes (app.ts).
import {
  createAccessTokenVerifier,
  createBearerAuthenticator,
  type BearerAuthenticator,
} from '@m365mcp/access-token'
import type { Logger } from 'pino'
import { Agent, type Dispatcher } from 'undici'
import type { GatewayConfig } from './config.js'
import { createOriginPolicy, type OriginPolicy } from './http/origin-policy.js'
import { watchDnsReplicas, type DnsReplicaSource, type Lookup } from './proxy/dns-replicas.js'
import { createReplicaPool, type ReplicaPool } from './proxy/replica-pool.js'

export interface GatewayServices {
  readonly config: GatewayConfig
  readonly bearer: BearerAuthenticator
  readonly origins: OriginPolicy
  readonly dispatcher: Dispatcher
  readonly pool: ReplicaPool
  /** True when the auth service answers its JWKS (readiness). */
  authReachable(): Promise<boolean>
  /** Starts health checks (and DNS resolution); resolves after the first round. */
  start(): Promise<void>
  close(): Promise<void>
}

export interface CreateGatewayServicesOptions {
  config: GatewayConfig
  logger: Logger
  now?: () => number
  /** For tests of TOOLS_UPSTREAM_DNS: how names are resolved. */
  lookup?: Lookup
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

  return {
    config,
    bearer,
    origins: createOriginPolicy({ publicUrl: config.PUBLIC_URL, allowedOrigins: config.ALLOWED_ORIGINS }),
    dispatcher,
    pool,
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
