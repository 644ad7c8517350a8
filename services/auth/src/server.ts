// Runs the auth service: configuration from the environment, the store (Redis when REDIS_URL is
// set, else in memory), both listeners, graceful shutdown.
import { startAudit } from '@m365mcp/audit'
import { loadConfigOrExit } from '@m365mcp/config'
import { closeListener, createShutdown } from '@m365mcp/lifecycle'
import { createLogger } from '@m365mcp/logger'
import { counter, createMetricsRegistry, createRedisErrorCounter, startMetricsServer } from '@m365mcp/metrics'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { buildApp, buildInternalApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createServices } from './services.js'

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
  logger.warn('REDIS_URL is not set: using the in-memory store (one process, nothing survives a restart)')

const auditDropped = counter(metricsRegistry, {
  name: 'm365mcp_audit_events_dropped_total',
  help: 'Audit events not enqueued (kept only in the service log), by reason.',
  labelNames: ['reason'] as const,
})
// Grant events are queued for the audit worker (or written directly without Redis), docs/audit.md.
const audit = startAudit({
  config,
  service: 'auth',
  redisUrl: config.REDIS_URL,
  redisPrefix: config.REDIS_PREFIX,
  logger,
  onDropped: (reason) => auditDropped.inc({ reason }),
})
const services = await createServices({ config, store, logger, metricsRegistry, audit: audit.log })
const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT })
const app = await buildApp({
  services,
  logger,
  trustProxy: config.TRUST_PROXY,
  isStopping: shutdown.isStopping,
  tracing,
})
const internal = await buildInternalApp({ services, logger, tracing })
await app.listen({ host: config.AUTH_HOST, port: config.AUTH_PORT })
await internal.listen({ host: config.AUTH_INTERNAL_HOST, port: config.AUTH_INTERNAL_PORT })
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
logger.info({ issuer: config.PUBLIC_URL }, 'auth service ready')

// SIGTERM/SIGINT: /readyz turns 503, both listeners stop accepting and finish the requests in flight
// (bounded by SHUTDOWN_TIMEOUT), then background work stops and Redis closes last.
shutdown.trap([
  {
    name: 'stop accepting, finish requests in flight',
    run: () => Promise.all([closeListener(app), closeListener(internal)]),
  },
  { name: 'close the metrics listener', run: () => metrics?.close() },
  { name: 'stop key rotation and upstream clients', run: () => services.close() },
  { name: 'flush the audit log, let the audit worker finish its jobs', run: () => audit.close() },
  { name: 'export the last spans', run: () => tracing?.shutdown() },
  { name: 'close the store', run: () => store.close() },
])
