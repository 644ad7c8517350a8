// Runs the auth service: configuration from the environment, the shared process plumbing (store:
// Redis when REDIS_URL is set, else in memory; metrics; audit log and its worker; tracing), both
// listeners, graceful shutdown.
import { loadConfigOrExit } from '@m365mcp/config'
import { closeListener } from '@m365mcp/lifecycle'
import { createLogger } from '@m365mcp/logger'
import { startRuntime } from '@m365mcp/runtime'
import { buildApp, buildInternalApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })
// Grant events are queued for the audit worker (or written directly without Redis), docs/audit.md.
const runtime = await startRuntime({
  service: serviceName,
  config,
  logger,
  inMemoryStoreWarning:
    'REDIS_URL is not set: using the in-memory store (one process, nothing survives a restart)',
  audit: 'auth',
})
const services = await createServices({
  config,
  store: runtime.store,
  logger,
  metricsRegistry: runtime.metricsRegistry,
  ...(runtime.audit ? { audit: runtime.audit.log } : {}),
})
const app = await buildApp({
  services,
  logger,
  trustProxy: config.TRUST_PROXY,
  isStopping: runtime.shutdown.isStopping,
  tracing: runtime.tracing,
})
const internal = await buildInternalApp({ services, logger, tracing: runtime.tracing })
await app.listen({ host: config.AUTH_HOST, port: config.AUTH_PORT })
await internal.listen({ host: config.AUTH_INTERNAL_HOST, port: config.AUTH_INTERNAL_PORT })
await runtime.started()
logger.info({ issuer: config.PUBLIC_URL }, 'auth service ready')

// SIGTERM/SIGINT: /readyz turns 503, both listeners stop accepting and finish the requests in flight
// (bounded by SHUTDOWN_TIMEOUT), then background work stops and Redis closes last.
runtime.trap(
  [
    {
      name: 'stop accepting, finish requests in flight',
      run: () => Promise.all([closeListener(app), closeListener(internal)]),
    },
  ],
  { name: 'stop key rotation and upstream clients', run: () => services.close() },
)
