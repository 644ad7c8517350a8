// The platform as deployed, on loopback: the Entra + Graph emulator, the real auth service (public
// and internal listeners) on real Redis with a fresh prefix, N real tools replicas, and the gateway
// in front as the only public origin (with `toolsProcesses`, the replicas are real processes that
// a test may kill): PUBLIC_URL (issuer and MCP resource base) of every service is
// the gateway's URL, and users sign in through the gateway's auth routes.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  buildApp as buildAuthApp,
  buildInternalApp,
  configSchema as authConfigSchema,
  createServices,
} from '@m365mcp/auth'
import { loadConfig } from '@m365mcp/config'
import { CONTOSO, startEmulator, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createRedisStore } from '@m365mcp/store'
import {
  authEnvForEmulator,
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  uniquePrefix,
} from '@m365mcp/testing'
import {
  buildApp as buildToolsApp,
  configSchema as toolsConfigSchema,
  createToolsServices,
} from '@m365mcp/tools'
import pino from 'pino'
import { startGateway, type RunningGateway } from './gateway.js'
import { registerPublicClient, signIn, type SignedIn } from './sign-in.js'
import { startToolsProcess, type ToolsProcess } from './tools-process.js'

const INTERNAL_SECRET = 'gateway-stack-internal-secret-0123456789abcdef'
const GRAPH_SCOPES = ['User.Read', 'User.ReadBasic.All', 'People.Read', 'Calendars.ReadWrite', 'Mail.Read']

export interface Stack {
  publicUrl: string
  gateway: RunningGateway
  emulator: RunningEmulator
  /** Direct URLs of the tools replicas (behind the gateway). */
  replicas: string[]
  /** The replicas' processes, when started with `toolsProcesses`. */
  processes: ToolsProcess[]
  /** The stack's Redis key prefix (auth keys, and the tools processes' REDIS_PREFIX). */
  redisPrefix: string
  /** Signs a Contoso demo user in (`user`: which one, default the first). */
  signIn(options?: { path?: '/mcp' | '/sse'; user?: number }): Promise<SignedIn>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startStack(
  teardown: Teardown,
  options: { replicas?: number; toolsProcesses?: boolean; gatewayEnv?: Record<string, string> } = {},
): Promise<Stack> {
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'gateway-stack-entra-secret'
  const logger = pino({ level: 'silent' })
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger,
    clients: [
      {
        clientId: entraClientId,
        clientSecret: entraSecret,
        tenantId: CONTOSO.id,
        redirectUris: [`${publicUrl}/callback`],
        permissions: GRAPH_SCOPES,
      },
    ],
  })
  teardown(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'gateway-stack-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redis = await getTestRedis()
  const prefix = uniquePrefix('gateway-stack')
  const client = createTestRedisClient(redis.url)
  const store = createRedisStore({ redis: client, prefix })
  teardown(async () => {
    await cleanupPrefix(client, prefix)
    await store.close()
    client.disconnect()
  })

  const authConfig = loadConfig(authConfigSchema, {
    ...authEnvForEmulator({
      publicUrl,
      internalSecret: INTERNAL_SECRET,
      emulator,
      tenantId: CONTOSO.id,
      clientId: entraClientId,
      clientSecret: entraSecret,
      caFile,
      graphScopes: GRAPH_SCOPES,
    }),
  })
  const authServices = await createServices({ config: authConfig, store, logger })
  teardown(() => authServices.close())
  const authApp = await buildAuthApp({ services: authServices, logger })
  const internal = await buildInternalApp({ services: authServices, logger })
  await authApp.listen({ host: '127.0.0.1', port: 0 })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => authApp.close())
  teardown(() => internal.close())
  const authUrl = `http://127.0.0.1:${(authApp.server.address() as AddressInfo).port}`
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`

  const toolsEnv = {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: `${authUrl}/jwks.json`,
    AUTH_INTERNAL_URL: internalUrl,
    INTERNAL_API_SECRET: INTERNAL_SECRET,
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    GRAPH_CA_FILE: caFile,
    CURSOR_KEYS: randomBytes(32).toString('base64url'),
    REDIS_PREFIX: authConfig.REDIS_PREFIX,
    LOG_LEVEL: 'silent',
  }
  const toolsConfig = loadConfig(toolsConfigSchema, toolsEnv)
  const replicas: string[] = []
  const processes: ToolsProcess[] = []
  for (let i = 0; options.toolsProcesses && i < (options.replicas ?? 2); i++) {
    // Their own Redis connection; keys under the stack's prefix (removed at teardown).
    const env = { ...toolsEnv, REDIS_URL: redis.url, REDIS_PREFIX: prefix, REPLICA_ID: `replica-${i}` }
    const started = await startToolsProcess(teardown, { ...env, LOG_LEVEL: 'warn' })
    processes.push(started)
    replicas.push(started.url)
  }
  for (let i = 0; !options.toolsProcesses && i < (options.replicas ?? 2); i++) {
    const services = await createToolsServices({
      config: { ...toolsConfig, REPLICA_ID: `replica-${i}` },
      store,
      logger,
    })
    const { app, drain } = await buildToolsApp({ services, logger })
    await app.listen({ host: '127.0.0.1', port: 0 })
    teardown(async () => {
      await drain()
      await app.close()
      await services.close()
    })
    replicas.push(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`)
  }

  const gateway = await startGateway(
    teardown,
    {
      PUBLIC_URL: publicUrl,
      AUTH_UPSTREAM: authUrl,
      AUTH_JWKS_URL: `${authUrl}/jwks.json`,
      TOOLS_UPSTREAMS: replicas.join(','),
      HEALTH_CHECK_INTERVAL: '200ms',
      ...options.gatewayEnv,
    },
    port,
  )
  const clientId = await registerPublicClient(publicUrl)
  const usernames = emulator.seed.demoUsers
    .filter((u) => u.tenantId === CONTOSO.id)
    .map((u) => u.userPrincipalName)
  return {
    publicUrl,
    gateway,
    emulator,
    replicas,
    processes,
    redisPrefix: prefix,
    signIn: (o = {}) => {
      const username = usernames[o.user ?? 0]
      if (username === undefined) throw new Error(`no Contoso demo user ${o.user}`)
      return signIn({ publicUrl, clientId, username, resource: `${publicUrl}${o.path ?? '/mcp'}` })
    },
  }
}
