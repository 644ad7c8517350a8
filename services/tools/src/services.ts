// The composition root of the tools service's collaborators (STYLE §6): token verification, the
// token exchange client, the Graph client factory and the per-request MCP server factory, built
// from parsed config. No listening here (server.ts) and no routes (app.ts).
import { readFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import {
  createAccessTokenVerifier,
  createBearerAuthenticator,
  type BearerAuthenticator,
} from '@m365mcp/access-token'
import { noAuditLog, type AuditLog } from '@m365mcp/audit'
import { randomToken } from '@m365mcp/crypto'
import { createMetricsRegistry, type Registry } from '@m365mcp/metrics'
import type { Store, Unsubscribe } from '@m365mcp/store'
import type { Server } from '@modelcontextprotocol/server'
import type { Logger } from 'pino'
import type { ToolsConfig } from './config.js'
import { grantRevokedChannel } from './graph/grant-revoked-channel.js'
import { subscribeGrantRevocations } from './graph/grant-revocations.js'
import { createGraphClientFactory, type GraphClientFactory } from './graph/graph-client.js'
import { createGraphTokenProvider, type GraphTokenProvider } from './graph/token-exchange-client.js'
import { createCallerResolver, type CallerResolver } from './http/caller-resolver.js'
import { createToolsMetrics, type ToolsMetrics } from './metrics/tools-metrics.js'
import { createToolServer } from './mcp/tool-server.js'
import type { ToolPolicyConfig } from './policy/tool-policy-config.js'
import { tools } from './tools/index.js'
import { serverInfo } from './server-info.js'

export interface ToolsServices {
  readonly config: ToolsConfig
  readonly store: Store
  readonly replicaId: string
  readonly bearer: BearerAuthenticator
  readonly callers: CallerResolver
  readonly tokens: GraphTokenProvider
  /** The service's metrics and their registry (served by the metrics listener, server.ts). */
  readonly metrics: ToolsMetrics
  /** A fresh MCP server (per request on /mcp, per session on /sse). */
  newServer(): Server
  close(): Promise<void>
}

export interface CreateToolsServicesOptions {
  config: ToolsConfig
  store: Store
  logger: Logger
  now?: () => number
  /** For tests: how the JWKS and the token exchange are fetched. */
  fetch?: typeof fetch
  /** Where the metrics are registered; default a fresh registry without process metrics (tests). */
  metricsRegistry?: Registry
  /** Where tool calls are recorded (docs/audit.md); default none (tests). */
  audit?: AuditLog
}

export async function createToolsServices(options: CreateToolsServicesOptions): Promise<ToolsServices> {
  const { config, store, logger } = options
  const now = options.now ?? Date.now
  const metrics = createToolsMetrics(
    options.metricsRegistry ?? createMetricsRegistry({ defaultMetrics: false }),
  )
  const verifier = createAccessTokenVerifier({
    issuer: new URL(config.PUBLIC_URL).origin,
    jwksUrl: config.AUTH_JWKS_URL,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const bearer = createBearerAuthenticator({ verifier, publicUrl: config.PUBLIC_URL })
  const tokens = createGraphTokenProvider({
    authInternalUrl: config.AUTH_INTERNAL_URL,
    internalSecret: config.INTERNAL_API_SECRET.reveal(),
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  const callers = createCallerResolver({ bearer, tokens })
  const caPem = config.GRAPH_CA_FILE ? await readCa(config.GRAPH_CA_FILE) : undefined
  const clients: GraphClientFactory = createGraphClientFactory({
    baseUrl: config.GRAPH_BASE_URL,
    ...(caPem ? { caPem } : {}),
    logger,
    metrics,
    retry: {
      maxRetries: config.GRAPH_MAX_RETRIES,
      maxRetryDelaySeconds: config.GRAPH_MAX_RETRY_DELAY / 1000,
    },
    now,
  })
  const unsubscribe: Unsubscribe = await subscribeGrantRevocations({
    store,
    channel: grantRevokedChannel(config.REDIS_PREFIX),
    invalidate: (grantId) => tokens.invalidate(grantId),
    invalidateAll: () => tokens.invalidateAll(),
    logger,
  })
  const policy: ToolPolicyConfig = {
    writesEnabled: config.TOOLS_WRITES_ENABLED,
    allow: config.TOOLS_ALLOW,
    deny: config.TOOLS_DENY,
    roleRules: config.TOOLS_ROLE_RULES,
  }
  const serverDeps = {
    tools,
    policy,
    graph: { clients, tokens },
    cursorKeys: config.CURSOR_KEYS,
    graphBaseUrl: config.GRAPH_BASE_URL,
    maxResultBytes: config.MAX_RESULT_BYTES,
    logger,
    now,
    serverInfo,
    metrics,
    audit: options.audit ?? noAuditLog,
  }
  return {
    config,
    store,
    replicaId:
      config.REPLICA_ID ?? `${hostname().slice(0, 40)}-${process.pid}-${randomToken(16).slice(0, 10)}`,
    bearer,
    callers,
    tokens,
    metrics,
    newServer: () => createToolServer(serverDeps),
    async close() {
      await unsubscribe()
      await clients.close()
    },
  }
}

async function readCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(
      `GRAPH_CA_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        cause: error,
      },
    )
  }
}
