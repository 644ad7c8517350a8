// The Entra + Graph emulator for the zero-configuration demo, started as its own server.ts would
// (the built-in app registration from EMULATOR_* settings) and its per-run CA written to a private
// temporary file for the auth and tools services to trust.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, type Env } from '@m365mcp/config'
import {
  CONTOSO,
  configSchema as emulatorConfigSchema,
  DEMO_APP_ROLES,
  startEmulator,
  type EmulatorConfig,
  type RunningEmulator,
} from '@m365mcp/entra-emulator'
import type { Logger } from 'pino'
import type { EmulatorLink } from './service-env.js'
import { toConfigError } from './startup-error.js'

export interface DemoEntra {
  emulator: RunningEmulator
  link: EmulatorLink
  close(): Promise<void>
}

export async function startDemoEntra(env: Env, logger: Logger): Promise<DemoEntra> {
  let config: EmulatorConfig
  try {
    config = loadConfig(emulatorConfigSchema, env)
  } catch (error) {
    throw toConfigError(error, 'entra-emulator')
  }
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
        appRoles: [...DEMO_APP_ROLES],
        groupMembershipClaims: 'SecurityGroup',
      },
    ],
    logger,
  })
  try {
    const dir = await mkdtemp(join(tmpdir(), 'm365mcp-embedded-'))
    const caFile = join(dir, 'emulator-ca.pem')
    await writeFile(caFile, emulator.caPem, { mode: 0o600 })
    return {
      emulator,
      link: {
        authority: emulator.issuer(CONTOSO.id),
        graphBaseUrl: emulator.graphBaseUrl,
        caFile,
        clientId: config.EMULATOR_CLIENT_ID,
        clientSecret: config.EMULATOR_CLIENT_SECRET.reveal(),
      },
      async close() {
        await emulator.close()
        await rm(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await emulator.close()
    throw error
  }
}
