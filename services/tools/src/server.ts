// Runs the tools service: configuration from the environment, the store (Redis when REDIS_URL is
// set, else in memory), the listener, graceful shutdown (stop accepting, end SSE streams with a
// retry hint so clients reconnect elsewhere, finish in-flight calls, close Redis last).
import { startAudit } from '@m365mcp/audit'
import { loadConfigOrExit } from '@m365mcp/config'
import { closeListener, createShutdown } from '@m365mcp/lifecycle'
import { createLogger } from '@m365mcp/logger'
import { counter, createMetricsRegistry, createRedisErrorCounter, startMetricsServer } from '@m365mcp/metrics'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createToolsServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })
// Off by default; only when on is the OpenTelemetry SDK loaded at all (docs/tracing.md).
const tracing = config.TRACING_ENABLED
  ? (await import('@m365mcp/tracing')).startTracing({
      serviceName: config.OTEL_SERVICE_NAME,
      endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
      sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
      logger,
    })
  : undefined
const metricsRegistry = createMetricsRegistry()
const redisErrors = createRedisErrorCounter(metricsRegistry, serviceName)
const store = config.REDIS_URL
  ? createRedisStore({
      redis: config.REDIS_URL,
      onError: (err, source) => {
        logger.error({ err, source }, 'redis error')
        redisErrors(source)
      },
    })
  : createMemoryStore()
if (!config.REDIS_URL)
  logger.warn(
    'REDIS_URL is not set: using the in-memory store (one replica only; SSE sessions are not shared)',
  )

const auditDropped = counter(metricsRegistry, {
  name: 'm365mcp_audit_events_dropped_total',
  help: 'Audit events not enqueued (kept only in the service log), by reason.',
  labelNames: ['reason'] as const,
})
// Tool calls are queued for the audit worker (AUDIT_WORKER_ENABLED, by default in auth), docs/audit.md.
const audit = startAudit({
  config,
  service: 'tools',
  redisUrl: config.REDIS_URL,
  redisPrefix: config.REDIS_PREFIX,
  logger,
  onDropped: (reason) => auditDropped.inc({ reason }),
})
const services = await createToolsServices({
  config,
  store,
  logger,
  metricsRegistry,
  audit: audit.log,
}).catch((err: unknown) => {
  logger.fatal({ err }, 'tools service cannot start')
  return process.exit(1)
})
const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT })
const { app, drain } = await buildApp({
  services,
  logger,
  isStopping: shutdown.isStopping,
  tracing,
})
await app.listen({ host: config.TOOLS_HOST, port: config.TOOLS_PORT })
const metrics = config.METRICS_ENABLED
  ? await startMetricsServer({
      host: config.METRICS_HOST,
      port: config.METRICS_PORT,
      registry: metricsRegistry,
      logger,
    })
  : undefined
if (metrics) logger.info({ url: metrics.url }, 'metrics listener ready')
audit.startWorker()
logger.info({ replica: services.replicaId, mcp: `${config.PUBLIC_URL}/mcp` }, 'tools service ready')

// SIGTERM/SIGINT: /readyz turns 503 and the listener stops accepting (requests arriving on open
// connections get 503 + Connection: close); SSE streams end at once with a retry hint; requests in
// flight get what is left of SHUTDOWN_TIMEOUT; keep-alive sockets close as they fall idle; the
// store closes last.
let listenerClosed: Promise<void> = Promise.resolve()
shutdown.trap([
  {
    name: 'stop accepting connections',
    run: () => {
      listenerClosed = closeListener(app)
      // Awaited two steps later; until then a failure must not count as unhandled.
      listenerClosed.catch(() => {})
    },
  },
  {
    name: 'end SSE streams with a retry hint, finish requests in flight',
    run: () => drain(shutdown.drainBudgetMs()),
  },
  { name: 'close the listener', run: () => listenerClosed },
  { name: 'close the metrics listener', run: () => metrics?.close() },
  { name: 'stop background work', run: () => services.close() },
  { name: 'flush the audit log, let an audit worker finish its jobs', run: () => audit.close() },
  { name: 'export the last spans', run: () => tracing?.shutdown() },
  { name: 'close the store', run: () => store.close() },
])
