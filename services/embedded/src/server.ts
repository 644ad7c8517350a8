// Runs the embedded default (`npm start`): the whole stack in this process. Configuration errors and
// ports in use end the start with a readable message and exit 1; SIGINT and SIGTERM (also while
// starting) close every listener in order and exit 0.
import { loadConfigOrExit } from '@m365mcp/config'
import { createLogger } from '@m365mcp/logger'
import { renderBanner } from './banner.js'
import { configSchema, serviceName } from './config.js'
import { startEmbedded, type EmbeddedStack, type ServiceName } from './start-embedded.js'
import { isStartupError } from './startup-error.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const pretty = process.stdout.isTTY
const loggerFor = (service: ServiceName) => createLogger({ service, level: config.LOG_LEVEL, pretty })
const logger = loggerFor('embedded')

const running: { stack?: EmbeddedStack } = {}
let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  // A signal during the start is handled once the start has settled (below).
  if (!running.stack) return
  try {
    await running.stack.close()
    process.exit(0)
  } catch (err) {
    logger.error({ err }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

const stack = await startEmbedded({ config, env: process.env, loggerFor }).catch((error: unknown) => {
  if (isStartupError(error)) process.stderr.write(`${error.message}\n`)
  else logger.fatal({ err: error }, 'the embedded stack cannot start')
  return process.exit(1)
})
running.stack = stack
if (stopping) {
  stopping = false
  await shutdown('signal during start')
} else {
  process.stdout.write(renderBanner(stack))
}
