// Runs the auth service: configuration from the environment, the store (Redis when REDIS_URL is
// set, else in memory), both listeners, graceful shutdown.
import { loadConfigOrExit } from '@m365mcp/config'
import { createLogger } from '@m365mcp/logger'
import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { buildApp, buildInternalApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })
const store = config.REDIS_URL
  ? createRedisStore({ redis: config.REDIS_URL, onError: (err) => logger.error({ err }, 'redis error') })
  : createMemoryStore()
if (!config.REDIS_URL)
  logger.warn('REDIS_URL is not set: using the in-memory store (one process, nothing survives a restart)')

const services = await createServices({ config, store, logger })
const app = await buildApp({ services, logger, trustProxy: config.TRUST_PROXY })
const internal = await buildInternalApp({ services, logger })
await app.listen({ host: config.AUTH_HOST, port: config.AUTH_PORT })
await internal.listen({ host: config.AUTH_INTERNAL_HOST, port: config.AUTH_INTERNAL_PORT })
logger.info({ issuer: config.PUBLIC_URL }, 'auth service ready')

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  try {
    await app.close()
    await internal.close()
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
