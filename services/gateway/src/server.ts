// Runs the gateway: configuration from the environment, the store of rate-limit counters (Redis when
// REDIS_URL is set, else in memory), health checks of the tools replicas, the listener, graceful
// shutdown (stop accepting, end SSE streams so clients reconnect to another gateway, let short
// requests finish, close upstream connections, then the store).
import { loadConfigOrExit } from '@m365mcp/config'
import { createLogger } from '@m365mcp/logger'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createGatewayServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })

const store = config.REDIS_URL
  ? createRedisStore({ redis: config.REDIS_URL, onError: (err) => logger.error({ err }, 'redis error') })
  : createMemoryStore()
if (!config.REDIS_URL)
  logger.warn('REDIS_URL is not set: rate limits are counted per gateway replica (in memory), not shared')

const services = createGatewayServices({ config, logger, store })
await services.start()
const built = await buildApp({ services, logger })
const { app } = built
await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT })
logger.info(
  { mcp: `${config.PUBLIC_URL}/mcp`, tools: services.pool.list().map((r) => r.url) },
  'gateway ready',
)

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  try {
    const closing = app.close()
    await built.drain()
    await closing
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
