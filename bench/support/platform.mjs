// The whole platform in this process, from the built packages, for the benchmarks: the Entra +
// Graph emulator, the auth service (public and internal listeners), one tools replica and the
// gateway in front (rate limits on Redis, limits too high to refuse, so their round trip is part of
// the cost). By default auth and tools share one in-memory store; with `storesOnRedis` every service
// keeps its state in Redis, as a deployment does. Every close is pushed onto `closers` (run them in
// reverse). Sign users in with the returned `signIn(resource, userIndex)`.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import {
  buildApp as buildAuthApp,
  buildInternalApp,
  configSchema as authSchema,
  createServices,
} from '../../services/auth/dist/index.js'
import { CONTOSO, DEMO_PASSWORD, startEmulator } from '../../services/entra-emulator/dist/index.js'
import {
  buildApp as buildGatewayApp,
  configSchema as gatewaySchema,
  createGatewayServices,
} from '../../services/gateway/dist/index.js'
import {
  buildApp as buildToolsApp,
  configSchema as toolsSchema,
  createToolsServices,
} from '../../services/tools/dist/index.js'
import { loadConfig } from '../../shared/config/dist/index.js'
import { createMemoryStore, createRedisStore } from '../../shared/store/dist/index.js'
import {
  authEnvForEmulator,
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  registerPublicClient,
  signIn,
  uniquePrefix,
} from '../../shared/testing/dist/index.js'

const GRAPH_SCOPES = ['User.Read', 'User.ReadBasic.All', 'People.Read', 'Calendars.ReadWrite', 'Mail.Read']

/**
 * @param {Array<() => unknown>} closers
 * @param {{ redisUrl?: string, storesOnRedis?: boolean, name?: string }} [options]
 *   redisUrl: the Redis of the gateway (and of every service with storesOnRedis); default the test
 *   Redis (REDIS_URL, else a redis-server started for this process).
 */
export async function startPlatform(closers, options = {}) {
  const logger = pino({ level: 'silent' })
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'bench-entra-secret'
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
  closers.push(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'bench-platform-')), 'ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redisUrl = options.redisUrl ?? (await getTestRedis()).url
  const prefix = uniquePrefix(options.name ?? 'bench')
  const redisClient = createTestRedisClient(redisUrl)
  const redisStore = createRedisStore({ redis: redisClient })
  closers.push(async () => {
    await cleanupPrefix(redisClient, prefix)
    await redisStore.close()
    redisClient.disconnect()
  })
  const store = options.storesOnRedis ? redisStore : createMemoryStore()
  if (!options.storesOnRedis) closers.push(() => store.close())
  const redisKeys = options.storesOnRedis ? { REDIS_URL: redisUrl, REDIS_PREFIX: prefix } : {}

  const secret = randomBytes(24).toString('base64url')
  const authConfig = loadConfig(authSchema, {
    ...authEnvForEmulator({
      publicUrl,
      internalSecret: secret,
      emulator,
      tenantId: CONTOSO.id,
      clientId: entraClientId,
      clientSecret: entraSecret,
      caFile,
      graphScopes: GRAPH_SCOPES,
    }),
    ...redisKeys,
  })
  const authServices = await createServices({ config: authConfig, store, logger })
  closers.push(() => authServices.close())
  const auth = await buildAuthApp({ services: authServices, logger })
  const internal = await buildInternalApp({ services: authServices, logger })
  await auth.listen({ host: '127.0.0.1', port: 0 })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  closers.push(
    () => auth.close(),
    () => internal.close(),
  )
  const authUrl = `http://127.0.0.1:${auth.server.address().port}`
  const authInternalUrl = `http://127.0.0.1:${internal.server.address().port}`

  const toolsEnv = {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: `${authUrl}/jwks.json`,
    AUTH_INTERNAL_URL: authInternalUrl,
    INTERNAL_API_SECRET: secret,
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    GRAPH_CA_FILE: caFile,
    CURSOR_KEYS: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
  }
  const toolsConfig = loadConfig(toolsSchema, { ...toolsEnv, ...redisKeys })
  const toolsServices = await createToolsServices({ config: toolsConfig, store, logger })
  const tools = await buildToolsApp({ services: toolsServices, logger })
  await tools.app.listen({ host: '127.0.0.1', port: 0 })
  closers.push(async () => {
    await tools.drain()
    await tools.app.close()
    await toolsServices.close()
  })
  const toolsUrl = `http://127.0.0.1:${tools.app.server.address().port}`

  const gatewayConfig = loadConfig(gatewaySchema, {
    PUBLIC_URL: publicUrl,
    AUTH_UPSTREAM: authUrl,
    AUTH_JWKS_URL: `${authUrl}/jwks.json`,
    TOOLS_UPSTREAMS: toolsUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_CLIENT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'silent',
  })
  const gatewayServices = createGatewayServices({ config: gatewayConfig, logger, store: redisStore })
  await gatewayServices.start()
  const gateway = await buildGatewayApp({ services: gatewayServices, logger })
  await gateway.app.listen({ host: '127.0.0.1', port })
  closers.push(async () => {
    await gateway.drain(0)
    await gateway.app.close()
    await gatewayServices.close()
  })

  const clientId = await registerPublicClient(publicUrl, 'bench client')
  const users = emulator.seed.demoUsers.filter((u) => u.tenantId === CONTOSO.id)
  if (users.length === 0) throw new Error('the emulator has no demo user in the Contoso tenant')
  return {
    publicUrl,
    gatewayUrl: `http://127.0.0.1:${port}`,
    authUrl,
    toolsUrl,
    clientId,
    /** The environment of a tools replica of this platform (for one started as a child process). */
    toolsEnv,
    /** Signs demo user `userIndex` (modulo their count) in through the gateway for `${publicUrl}${resource}`. */
    signIn: (resource = '/mcp', userIndex = 0) =>
      signIn({
        publicUrl,
        clientId,
        username: users[userIndex % users.length].userPrincipalName,
        password: DEMO_PASSWORD,
        resource: `${publicUrl}${resource}`,
      }),
  }
}
