// Runs the gateway: configuration from the environment, health checks of the tools replicas, the
// listener, graceful shutdown (stop accepting, end SSE streams so clients reconnect to another
// gateway, let short requests finish, close upstream connections last).
import { loadConfigOrExit } from '@m365mcp/config'
import { createLogger } from '@m365mcp/logger'
import { buildApp } from './app.js'
import { configSchema, serviceName } from './config.js'
import { createGatewayServices } from './services.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })

const services = createGatewayServices({ config, logger })
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
    process.exit(0)
  } catch (err) {
    logger.error({ err }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
