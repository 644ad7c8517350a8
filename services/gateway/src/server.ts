// Runs the gateway: configuration from the environment, the store of rate-limit counters (Redis when
// REDIS_URL is set, else in memory), health checks of the tools replicas, the listener, graceful
// shutdown (stop accepting, end SSE streams with a retry hint so clients reconnect to another
// gateway, let requests in flight finish, close upstream connections, then the store).
import { loadConfigOrExit } from '@m365mcp/config'
import { closeListener, createShutdown } from '@m365mcp/lifecycle'
import { createLogger } from '@m365mcp/logger'
import { createMetricsRegistry, createRedisErrorCounter, startMetricsServer } from '@m365mcp/metrics'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createGatewayServices } from './services.js'

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
  logger.warn('REDIS_URL is not set: rate limits are counted per gateway replica (in memory), not shared')

const services = createGatewayServices({ config, logger, store, metricsRegistry })
await services.start()
const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT })
const built = await buildApp({
  services,
  logger,
  isStopping: shutdown.isStopping,
  tracing,
  // Rate limits on Redis: readiness includes it; the in-memory store has nothing to check.
  ...(config.REDIS_URL ? { store } : {}),
})
const { app } = built
await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT })
const metrics = config.METRICS_ENABLED
  ? await startMetricsServer({
      host: config.METRICS_HOST,
      port: config.METRICS_PORT,
      registry: metricsRegistry,
      logger,
    })
  : undefined
if (metrics) logger.info({ url: metrics.url }, 'metrics listener ready')
logger.info(
  { mcp: `${config.PUBLIC_URL}/mcp`, tools: services.pool.list().map((r) => r.url) },
  'gateway ready',
)

// SIGTERM/SIGINT: /readyz turns 503 and the listener stops accepting (requests arriving on open
// connections get 503 + Connection: close); proxied SSE streams end at once with a retry hint;
// other requests get what is left of SHUTDOWN_TIMEOUT; keep-alive sockets close as they fall idle;
// then health checks and upstream connections stop, and the store closes last.
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
    run: () => built.drain(shutdown.drainBudgetMs()),
  },
  { name: 'close the listener', run: () => listenerClosed },
  { name: 'close the metrics listener', run: () => metrics?.close() },
  { name: 'stop health checks, close upstream connections', run: () => services.close() },
  { name: 'export the last spans', run: () => tracing?.shutdown() },
  { name: 'close the store', run: () => store.close() },
])
