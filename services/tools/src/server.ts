// Runs the tools service: configuration from the environment, the shared process plumbing (store:
// Redis when REDIS_URL is set, else in memory; metrics; audit log; tracing), the listener, graceful
// shutdown (stop accepting, end SSE streams with a retry hint so clients reconnect elsewhere, finish
// in-flight calls, close Redis last).
import { loadConfigOrExit } from '@m365mcp/config'
import { closeListener } from '@m365mcp/lifecycle'
import { createLogger } from '@m365mcp/logger'
import { startRuntime } from '@m365mcp/runtime'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createToolsServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })
// Tool calls are queued for the audit worker (AUDIT_WORKER_ENABLED, by default in auth), docs/audit.md.
const runtime = await startRuntime({
  service: serviceName,
  config,
  logger,
  inMemoryStoreWarning:
    'REDIS_URL is not set: using the in-memory store (one replica only; SSE sessions are not shared)',
  audit: 'tools',
})
const services = await createToolsServices({
  config,
  store: runtime.store,
  logger,
  metricsRegistry: runtime.metricsRegistry,
  ...(runtime.audit ? { audit: runtime.audit.log } : {}),
}).catch((err: unknown) => {
  logger.fatal({ err }, 'tools service cannot start')
  return process.exit(1)
})
const { app, drain } = await buildApp({
  services,
  logger,
  isStopping: runtime.shutdown.isStopping,
  tracing: runtime.tracing,
})
await app.listen({ host: config.TOOLS_HOST, port: config.TOOLS_PORT })
await runtime.started()
logger.info({ replica: services.replicaId, mcp: `${config.PUBLIC_URL}/mcp` }, 'tools service ready')

// SIGTERM/SIGINT: /readyz turns 503 and the listener stops accepting (requests arriving on open
// connections get 503 + Connection: close); SSE streams end at once with a retry hint; requests in
// flight get what is left of SHUTDOWN_TIMEOUT; keep-alive sockets close as they fall idle; the
// store closes last.
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
      run: () => drain(runtime.shutdown.drainBudgetMs()),
    },
    { name: 'close the listener', run: () => listenerClosed },
  ],
  { name: 'stop background work', run: () => services.close() },
)
