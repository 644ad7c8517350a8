// Runs the emulator as a process: config from the environment, then both listeners.
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { loadConfigOrExit } from '@m365mcp/config'
import { createLogger } from '@m365mcp/logger'
import { startEmulator } from './app.js'
import { configSchema, serviceName } from './config.js'
import { CONTOSO } from './entra/tenants.js'
import { DEMO_APP_ROLES } from './seed/app-roles.js'

const config = loadConfigOrExit(configSchema, process.env, { service: serviceName })
const logger = createLogger({ service: serviceName, level: config.LOG_LEVEL, pretty: process.stdout.isTTY })

const emulator = await startEmulator({
  host: config.EMULATOR_HOST,
  port: config.EMULATOR_PORT,
  graphPort: config.EMULATOR_GRAPH_PORT,
  publicHost: config.EMULATOR_PUBLIC_HOST,
  adminEnabled: config.EMULATOR_ADMIN_ENABLED,
  accessTokenTtlSeconds: Math.round(config.EMULATOR_ACCESS_TOKEN_TTL / 1000),
  clients: [
    {
      clientId: config.EMULATOR_CLIENT_ID,
      clientSecret: config.EMULATOR_CLIENT_SECRET.reveal(),
      tenantId: CONTOSO.id,
      redirectUris: config.EMULATOR_REDIRECT_URIS,
      permissions: config.EMULATOR_PERMISSIONS,
      name: 'M365 MCP (demo)',
      // The demo users' app roles and security groups reach the ID token, for tool policies.
      appRoles: [...DEMO_APP_ROLES],
      groupMembershipClaims: 'SecurityGroup',
    },
  ],
  logger,
})

if (config.EMULATOR_CA_FILE) {
  await mkdir(dirname(config.EMULATOR_CA_FILE), { recursive: true })
  await writeFile(config.EMULATOR_CA_FILE, emulator.caPem)
}

logger.info(
  {
    issuer: emulator.issuer(CONTOSO.id),
    graph: emulator.graphBaseUrl,
    caFile: config.EMULATOR_CA_FILE ?? null,
    demoUsers: emulator.seed.demoUsers.map((u) => u.userPrincipalName),
    admin: config.EMULATOR_ADMIN_ENABLED,
  },
  'entra emulator ready',
)

let stopping = false
async function shutdown(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  logger.info({ signal }, 'shutting down')
  try {
    await emulator.close()
    process.exit(0)
  } catch (err) {
    logger.error({ err }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
