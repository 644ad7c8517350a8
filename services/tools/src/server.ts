// Runs the tools service: configuration from the environment, the store (Redis when REDIS_URL is
// set, else in memory), the listener, graceful shutdown (stop accepting, end SSE streams so clients
// reconnect elsewhere, finish in-flight calls, close Redis last).
import { loadConfigOrExit } from '@m365mcp/config'
import { createLogger } from '@m365mcp/logger'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createToolsServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })
const store = config.REDIS_URL
  ? createRedisStore({ redis: config.REDIS_URL, onError: (err) => logger.error({ err }, 'redis error') })
  : createMemoryStore()
if (!config.REDIS_URL)
  logger.warn(
    'REDIS_URL is not set: using the in-memory store (one replica only; SSE sessions are not shared)',
  )

const services = await createToolsServices({ config, store, logger }).catch((err: unknown) => {
  logger.fatal({ err }, 'tools service cannot start')
  return process.exit(1)
})
const { app, drain } = await buildApp({ services, logger })
await app.listen({ host: config.TOOLS_HOST, port: config.TOOLS_PORT })
logger.info({ replica: services.replicaId, mcp: `${config.PUBLIC_URL}/mcp` }, 'tools service ready')

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  try {
    await drain()
    await app.close()
    await services.close()
    await store.close()
    process.exit(0)
  } catch (err) {
    logger.error({ err }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
