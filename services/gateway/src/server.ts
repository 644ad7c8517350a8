// Runs the gateway: configuration from the environment, the shared process plumbing (the store of
// rate-limit counters: Redis when REDIS_URL is set, else in memory; metrics; tracing), health checks
// of the tools replicas, the listener, graceful shutdown (stop accepting, end SSE streams with a
// retry hint so clients reconnect to another gateway, let requests in flight finish, close upstream
// connections, then the store).
import { loadConfigOrExit } from '@m365mcp/config'
import { closeListener } from '@m365mcp/lifecycle'
import { createLogger } from '@m365mcp/logger'
import { startRuntime } from '@m365mcp/runtime'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createGatewayServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })
const runtime = await startRuntime({
  service: serviceName,
  config,
  logger,
  inMemoryStoreWarning:
    'REDIS_URL is not set: rate limits are counted per gateway replica (in memory), not shared',
})

const services = createGatewayServices({
  config,
  logger,
  store: runtime.store,
  metricsRegistry: runtime.metricsRegistry,
})
await services.start()
const built = await buildApp({
  services,
  logger,
  isStopping: runtime.shutdown.isStopping,
  tracing: runtime.tracing,
  // Rate limits on Redis: readiness includes it; the in-memory store has nothing to check.
  ...(config.REDIS_URL ? { store: runtime.store } : {}),
})
const { app } = built
await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT })
await runtime.started()
logger.info(
  { mcp: `${config.PUBLIC_URL}/mcp`, tools: services.pool.list().map((r) => r.url) },
  'gateway ready',
)

// SIGTERM/SIGINT: /readyz turns 503 and the listener stops accepting (requests arriving on open
// connections get 503 + Connection: close); proxied SSE streams end at once with a retry hint;
// other requests get what is left of SHUTDOWN_TIMEOUT; keep-alive sockets close as they fall idle;
// then health checks and upstream connections stop, and the store closes last.
let listenerClosed: Promise<void> = Promise.resolve()
runtime.trap(
  [
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
      run: () => built.drain(runtime.shutdown.drainBudgetMs()),
    },
    { name: 'close the listener', run: () => listenerClosed },
  ],
  { name: 'stop health checks, close upstream connections', run: () => services.close() },
)
