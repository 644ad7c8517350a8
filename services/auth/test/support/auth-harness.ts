// The real auth service on loopback (both listeners), federated to the real emulator, with a real
// Redis (fresh prefix per test) or the memory store. Used by the route tests.
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { AuditLog } from '@m365mcp/audit'
import { loadConfig } from '@m365mcp/config'
import { CONTOSO, startEmulator, type EmulatorClient, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createRedisStore, type Store } from '@m365mcp/store'
import {
  authEnvForEmulator,
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  uniquePrefix,
} from '@m365mcp/testing'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { buildApp, buildInternalApp } from '../../src/app.js'
import { configSchema, type AuthConfig } from '../../src/config.js'
import { createEntraClient, type EntraClient } from '../../src/entra/index.js'
import { createEntraHttp } from '../../src/entra/entra-fetch.js'
import { createServices, type AuthServices } from '../../src/services.js'
import { routeUrl } from '@m365mcp/testing'

export const INTERNAL_SECRET = 'internal-secret-for-tests-0123456789abcdef'
export const GRAPH_SCOPES = ['User.Read', 'People.Read']

export interface AuthHarness {
  publicUrl: string
  /** Where this instance's public listener answers: publicUrl, or its own port for an `instanceOf`. */
  url: string
  internalUrl: string
  emulator: RunningEmulator
  services: AuthServices
  store: Store
  prefix: string
  app: FastifyInstance
  /** The environment the service's configuration was loaded from (keys, Entra app, authority). */
  env: Readonly<Record<string, string>>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startAuth(teardown: Teardown, env: Record<string, string> = {}): Promise<AuthHarness> {
  return startAuthWith(teardown, { env })
}

export interface StartAuthOptions {
  /** Auth service environment overrides. */
  env?: Record<string, string>
  /** Lifetime of the emulator's Graph access tokens (default 1 h). */
  accessTokenTtlSeconds?: number
  /** App roles and group claim settings of our Entra app registration in the emulator. */
  entraApp?: Pick<EmulatorClient, 'appRoles' | 'groupMembershipClaims' | 'groupsOverageLimit'>
  /** The auth service's logger (default silent, or AUTH_TEST_LOG), e.g. to assert a warning. */
  logger?: pino.Logger
  /** Where grant events are recorded (default none). */
  audit?: AuditLog
  /** Tenant of the Entra authority and of our app registration (default Contoso). */
  entraTenantId?: string
  /** More tenants our app registration is also added in (a multi-tenant app's service principals). */
  entraAppTenants?: readonly string[]
  /** The services' clock (default Date.now), e.g. to let a code expire without waiting. */
  now?: () => number
  /**
   * The origin the emulator presents its tenants under (its `issuerOrigin`), e.g.
   * https://login.microsoftonline.com for the multi-tenant authorities openid-client accepts only
   * there. The Entra client then gets a transport that routes that origin to the emulator (an
   * injected `http`, see entraRoutes); browsers must route it too (createRoutedBrowser).
   */
  entraIssuerOrigin?: string
  /**
   * Another instance of that harness's deployment: the same emulator, Entra app, Redis prefix, keys
   * and PUBLIC_URL, its own store connection, services and listeners (at `url`), with `env` and
   * `entraTenantId` applied on top of its configuration. Emulator options are ignored.
   */
  instanceOf?: AuthHarness
}

/** startAuth with emulator options too (e.g. short Graph tokens to force a refresh). */
export async function startAuthWith(teardown: Teardown, options: StartAuthOptions): Promise<AuthHarness> {
  if (options.instanceOf) return startInstance(teardown, options.instanceOf, options)
  const env = options.env ?? {}
  const entraTenantId = options.entraTenantId ?? CONTOSO.id
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'auth-harness-entra-secret'
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    adminEnabled: true,
    ...(options.entraIssuerOrigin === undefined ? {} : { issuerOrigin: options.entraIssuerOrigin }),
    ...(options.accessTokenTtlSeconds === undefined
      ? {}
      : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
    logger: pino({ level: 'silent' }),
    clients: [...new Set([entraTenantId, ...(options.entraAppTenants ?? [])])].map((tenantId) => ({
      clientId: entraClientId,
      clientSecret: entraSecret,
      tenantId,
      redirectUris: [`${publicUrl}/callback`],
      permissions: GRAPH_SCOPES,
      ...options.entraApp,
    })),
  })
  teardown(() => emulator.close())

  const caFile = join(await mkdtemp(join(tmpdir(), 'auth-test-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redis = await getTestRedis()
  const prefix = uniquePrefix('auth')
  const client = createTestRedisClient(redis.url)
  const store = createRedisStore({ redis: client, prefix })
  teardown(async () => {
    await cleanupPrefix(client, prefix)
    await store.close()
    client.disconnect()
  })

  const serviceEnv = {
    ...authEnvForEmulator({
      publicUrl,
      internalSecret: INTERNAL_SECRET,
      emulator,
      tenantId: entraTenantId,
      clientId: entraClientId,
      clientSecret: entraSecret,
      caFile,
      graphScopes: GRAPH_SCOPES,
    }),
    ...env,
  }
  const listening = await listen(teardown, { env: serviceEnv, store, port, options, emulator })
  return { publicUrl, url: publicUrl, emulator, store, prefix, env: serviceEnv, ...listening }
}

/**
 * Where connections to the emulator's presented origin must go: `{ [identityOrigin]: identityUrl }`
 * when it was started with an `issuerOrigin`, else nothing to route.
 */
export function entraRoutes(emulator: RunningEmulator): Record<string, string> {
  return emulator.identityOrigin === emulator.identityUrl
    ? {}
    : { [emulator.identityOrigin]: emulator.identityUrl }
}

/** The Entra client services.ts builds from the configuration, with a transport routed to the emulator. */
function routedEntraClient(
  config: AuthConfig,
  emulator: RunningEmulator,
  logger: pino.Logger,
  now: (() => number) | undefined,
): EntraClient {
  const routes = entraRoutes(emulator)
  const http = createEntraHttp({ ca: emulator.caPem, timeoutMs: 10_000 })
  return createEntraClient({
    authority: config.ENTRA_AUTHORITY,
    clientId: config.ENTRA_CLIENT_ID,
    credential: { kind: 'secret', secret: config.ENTRA_CLIENT_SECRET?.reveal() ?? '' },
    redirectUri: `${config.PUBLIC_URL}/callback`,
    graphScopes: config.ENTRA_GRAPH_SCOPES,
    ...(config.ENTRA_ALLOWED_TENANTS ? { allowedTenants: config.ENTRA_ALLOWED_TENANTS } : {}),
    graphBaseUrl: config.GRAPH_BASE_URL,
    allowInsecureLoopbackAuthority: config.ENTRA_ALLOW_INSECURE_LOOPBACK,
    http: { fetch: (url, init) => http.fetch(routeUrl(routes, url), init), close: () => http.close() },
    ...(now ? { now } : {}),
    logger,
  })
}

/** The services and both listeners of one instance, configured from `env`. */
async function listen(
  teardown: Teardown,
  input: {
    env: Record<string, string>
    store: Store
    port: number
    options: StartAuthOptions
    emulator: RunningEmulator
  },
): Promise<{ services: AuthServices; app: FastifyInstance; internalUrl: string }> {
  const { options, store, emulator } = input
  const config = loadConfig(configSchema, input.env)
  const logger = options.logger ?? pino({ level: process.env.AUTH_TEST_LOG ?? 'silent' })
  const routed = Object.keys(entraRoutes(emulator)).length > 0
  const services = await createServices({
    config,
    store,
    logger,
    ...(routed ? { entra: routedEntraClient(config, emulator, logger, options.now) } : {}),
    ...(options.audit ? { audit: options.audit } : {}),
    ...(options.now ? { now: options.now } : {}),
  })
  teardown(() => services.close())
  const app = await buildApp({ services, logger })
  const internal = await buildInternalApp({ services, logger })
  await app.listen({ host: '127.0.0.1', port: input.port })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => app.close())
  teardown(() => internal.close())
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`
  return { services, app, internalUrl }
}

async function startInstance(
  teardown: Teardown,
  of: AuthHarness,
  options: StartAuthOptions,
): Promise<AuthHarness> {
  const redis = await getTestRedis()
  const client = createTestRedisClient(redis.url)
  const store = createRedisStore({ redis: client, prefix: of.prefix })
  teardown(async () => {
    await store.close()
    client.disconnect()
  })
  const env = {
    ...of.env,
    ...(options.entraTenantId === undefined
      ? {}
      : { ENTRA_AUTHORITY: of.emulator.issuer(options.entraTenantId) }),
    ...options.env,
  }
  const port = await freePort()
  const listening = await listen(teardown, { env, store, port, options, emulator: of.emulator })
  return {
    publicUrl: of.publicUrl,
    url: `http://localhost:${port}`,
    emulator: of.emulator,
    store,
    prefix: of.prefix,
    env,
    ...listening,
  }
}
