// The tools service as it runs in production, on loopback: the Entra + Graph emulator, the real
// auth service (public and internal listeners) on real Redis with a fresh prefix, and N tools
// replicas (createToolsServices + buildApp, each its own listener) sharing that Redis. Tests sign
// demo users in through the real OAuth flow and talk to the replicas with real MCP clients.
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
import type { AuditLog } from '@m365mcp/audit'
import { loadConfig } from '@m365mcp/config'
import {
  CONTOSO,
  startEmulator,
  type EmulatorClient,
  type EmulatorOptions,
  type RunningEmulator,
} from '@m365mcp/entra-emulator'
import { createRedisStore, type Store } from '@m365mcp/store'
import {
  authEnvForEmulator,
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  uniquePrefix,
} from '@m365mcp/testing'
import pino from 'pino'
import { buildApp, configSchema, createToolsServices, type ToolsServices } from '../../src/index.js'
import { registerPublicClient, signIn, type SignedIn } from './sign-in.js'

export const INTERNAL_SECRET = 'tools-stack-internal-secret-0123456789abcdef'
export const ALL_GRAPH_SCOPES = [
  'User.Read',
  'User.ReadBasic.All',
  'User.Read.All',
  'People.Read',
  'Calendars.ReadWrite',
  'Mail.Read',
  'Mail.Send',
  'Files.Read',
  'GroupMember.Read.All',
]

export interface StackOptions {
  /** Delegated Graph permissions the auth service asks for (and the app registration has). */
  graphScopes?: readonly string[]
  /** Tools service environment overrides (e.g. TOOLS_WRITES_ENABLED). */
  toolsEnv?: Record<string, string>
  /** More tools environment overrides that depend on the running emulator (e.g. seed group ids). */
  toolsEnvFor?: (emulator: RunningEmulator) => Record<string, string>
  replicas?: number
  /** Auth service environment overrides. */
  authEnv?: Record<string, string>
  /** Emulator options, e.g. a short Entra access-token lifetime so every exchange refreshes. */
  emulator?: Pick<EmulatorOptions, 'accessTokenTtlSeconds'>
  /** Manifest settings of the app registration (app roles, group claims, groups overage limit). */
  appRegistration?: Pick<EmulatorClient, 'appRoles' | 'groupMembershipClaims' | 'groupsOverageLimit'>
  /** Where the tools replicas record tool calls (default none). */
  toolsAudit?: AuditLog
}

export interface Replica {
  url: string
  services: ToolsServices
  /** Stops the replica (drain + close), as on SIGTERM. */
  stop(): Promise<void>
}

export interface Stack {
  publicUrl: string
  emulator: RunningEmulator
  store: Store
  replicas: Replica[]
  clientId: string
  /** Signs `username` (a Contoso demo user by default) in for `/mcp` or `/sse`. */
  signIn(options?: { username?: string; path?: '/mcp' | '/sse' }): Promise<SignedIn>
  demoUsername(index?: number): string
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startStack(teardown: Teardown, options: StackOptions = {}): Promise<Stack> {
  const graphScopes = options.graphScopes ?? ALL_GRAPH_SCOPES
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'tools-stack-entra-secret'
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger,
    ...options.emulator,
    clients: [
      {
        clientId: entraClientId,
        clientSecret: entraSecret,
        tenantId: CONTOSO.id,
        redirectUris: [`${publicUrl}/callback`],
        permissions: [...graphScopes],
        ...options.appRegistration,
      },
    ],
  })
  teardown(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'tools-stack-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redis = await getTestRedis()
  const prefix = uniquePrefix('tools-stack')
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
      graphScopes: graphScopes,
    }),
    ...options.authEnv,
  })
  const authServices = await createServices({ config: authConfig, store, logger })
  teardown(() => authServices.close())
  const authApp = await buildAuthApp({ services: authServices, logger })
  const internal = await buildInternalApp({ services: authServices, logger })
  await authApp.listen({ host: '127.0.0.1', port })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => authApp.close())
  teardown(() => internal.close())
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`

  const toolsConfig = loadConfig(configSchema, {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: `${publicUrl}/jwks.json`,
    AUTH_INTERNAL_URL: internalUrl,
    INTERNAL_API_SECRET: INTERNAL_SECRET,
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    GRAPH_CA_FILE: caFile,
    GRAPH_MAX_RETRY_DELAY: '2s',
    CURSOR_KEYS: randomBytes(32).toString('base64url'),
    REDIS_PREFIX: authConfig.REDIS_PREFIX,
    LOG_LEVEL: 'silent',
    ...options.toolsEnv,
    ...options.toolsEnvFor?.(emulator),
  })
  const replicas: Replica[] = []
  for (let i = 0; i < (options.replicas ?? 2); i++) {
    const services = await createToolsServices({
      config: { ...toolsConfig, REPLICA_ID: `replica-${i}` },
      store,
      logger,
      ...(options.toolsAudit ? { audit: options.toolsAudit } : {}),
    })
    const { app, drain } = await buildApp({ services, logger })
    await app.listen({ host: '127.0.0.1', port: 0 })
    let stopped = false
    const stop = async () => {
      if (stopped) return
      stopped = true
      await drain()
      await app.close()
      await services.close()
    }
    teardown(stop)
    replicas.push({ url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, services, stop })
  }

  const clientId = await registerPublicClient(publicUrl)
  const contoso = emulator.seed.demoUsers.filter((u) => u.tenantId === CONTOSO.id)
  const demoUsername = (index = 0) => {
    const user = contoso[index]
    if (!user) throw new Error(`no Contoso demo user #${index}`)
    return user.userPrincipalName
  }
  return {
    publicUrl,
    emulator,
    store,
    replicas,
    clientId,
    demoUsername,
    signIn: (o = {}) =>
      signIn({
        publicUrl,
        clientId,
        username: o.username ?? demoUsername(0),
        resource: `${publicUrl}${o.path ?? '/mcp'}`,
      }),
  }
}
