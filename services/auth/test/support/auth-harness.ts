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
import { configSchema } from '../../src/config.js'
import { createServices, type AuthServices } from '../../src/services.js'

export const INTERNAL_SECRET = 'internal-secret-for-tests-0123456789abcdef'
export const GRAPH_SCOPES = ['User.Read', 'People.Read']

export interface AuthHarness {
  publicUrl: string
  internalUrl: string
  emulator: RunningEmulator
  services: AuthServices
  store: Store
  prefix: string
  app: FastifyInstance
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
}

/** startAuth with emulator options too (e.g. short Graph tokens to force a refresh). */
export async function startAuthWith(teardown: Teardown, options: StartAuthOptions): Promise<AuthHarness> {
  const env = options.env ?? {}
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'auth-harness-entra-secret'
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    adminEnabled: true,
    ...(options.accessTokenTtlSeconds === undefined
      ? {}
      : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
    logger: pino({ level: 'silent' }),
    clients: [
      {
        clientId: entraClientId,
        clientSecret: entraSecret,
        tenantId: CONTOSO.id,
        redirectUris: [`${publicUrl}/callback`],
        permissions: GRAPH_SCOPES,
        ...options.entraApp,
      },
    ],
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

  const config = loadConfig(configSchema, {
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
    ...env,
  })
  const logger = options.logger ?? pino({ level: process.env.AUTH_TEST_LOG ?? 'silent' })
  const services = await createServices({
    config,
    store,
    logger,
    ...(options.audit ? { audit: options.audit } : {}),
  })
  teardown(() => services.close())
  const app = await buildApp({ services, logger })
  const internal = await buildInternalApp({ services, logger })
  await app.listen({ host: '127.0.0.1', port })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => app.close())
  teardown(() => internal.close())
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`
  return { publicUrl, internalUrl, emulator, services, store, prefix, app }
}
