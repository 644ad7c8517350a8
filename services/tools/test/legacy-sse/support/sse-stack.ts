// The legacy SSE transport as it runs in production, on loopback: the Entra + Graph emulator, the
// real auth service on real Redis (fresh prefix), and tools "replicas" = Fastify apps with only
// registerLegacySse mounted, each on its own port, sharing the store prefix (or an in-memory store).
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAccessTokenVerifier, createBearerAuthenticator } from '@m365mcp/access-token'
import {
  buildApp as buildAuthApp,
  buildInternalApp,
  configSchema as authConfigSchema,
  createServices,
} from '@m365mcp/auth'
import { loadConfig } from '@m365mcp/config'
import { CONTOSO, startEmulator } from '@m365mcp/entra-emulator'
import { createRedisStore, type Store } from '@m365mcp/store'
import {
  authEnvForEmulator,
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  uniquePrefix,
} from '@m365mcp/testing'
import Fastify, { type FastifyInstance } from 'fastify'
import pino from 'pino'
import { createGraphTokenProvider } from '../../../src/graph/token-exchange-client.js'
import { createCallerResolver } from '../../../src/http/caller-resolver.js'
import { registerLegacySse, type LegacySseHandle } from '../../../src/legacy-sse/index.js'
import { registerPublicClient, signIn, type SignedIn } from '../../support/sign-in.js'
import { newTestServer } from './test-server.js'

const INTERNAL_SECRET = 'legacy-sse-internal-secret-0123456789abcdef'
const GRAPH_SCOPES = ['User.Read']
const KEY_PREFIX = 'm365mcp:tools:'

type Teardown = (fn: () => Promise<void> | void) => void

export interface SseReplica {
  url: string
  app: FastifyInstance
  handle: LegacySseHandle
  store: Store
}

export interface ReplicaOptions {
  replicaId: string
  /** Default: the stack's Redis store (shared prefix). */
  store?: Store
  sessionTtlMs?: number
  keepAliveMs?: number
}

export interface SseStack {
  publicUrl: string
  /** The shared Redis store, with the test's fresh prefix. */
  store: Store
  /** Whatever Redis prefix the store adds is its own; these are the module's keys inside it. */
  keyPrefix: string
  startReplica(options: ReplicaOptions): Promise<SseReplica>
  /** A second store on the same Redis and prefix (a replica that can be "killed" on its own). */
  newRedisStore(): Store
  /** Signs a Contoso demo user in for the /sse resource (or `path`). */
  signIn(userIndex?: number, path?: '/sse' | '/mcp'): Promise<SignedIn>
}

export async function startSseStack(teardown: Teardown): Promise<SseStack> {
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'legacy-sse-entra-secret'
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
  const caFile = join(await mkdtemp(join(tmpdir(), 'legacy-sse-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redis = await getTestRedis()
  const prefix = uniquePrefix('legacy-sse')
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
  await authApp.listen({ host: '127.0.0.1', port })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => authApp.close())
  teardown(() => internal.close())
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`

  async function startReplica(options: ReplicaOptions): Promise<SseReplica> {
    const replicaStore = options.store ?? store
    const callers = createCallerResolver({
      bearer: createBearerAuthenticator({
        verifier: createAccessTokenVerifier({ issuer: publicUrl, jwksUrl: `${publicUrl}/jwks.json` }),
        publicUrl,
      }),
      tokens: createGraphTokenProvider({ authInternalUrl: internalUrl, internalSecret: INTERNAL_SECRET }),
    })
    const app = Fastify({ logger: false })
    const handle = await registerLegacySse(app, {
      store: replicaStore,
      keyPrefix: KEY_PREFIX,
      replicaId: options.replicaId,
      callers,
      newServer: newTestServer,
      logger,
      maxBodyBytes: 64 * 1024,
      ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
      ...(options.keepAliveMs ? { keepAliveMs: options.keepAliveMs } : {}),
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    teardown(async () => {
      await handle.close()
      await app.close()
    })
    return {
      url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      app,
      handle,
      store: replicaStore,
    }
  }

  function newRedisStore(): Store {
    const own = createTestRedisClient(redis.url)
    const replicaStore = createRedisStore({ redis: own, prefix })
    teardown(async () => {
      await replicaStore.close().catch(() => {})
      own.disconnect()
    })
    return replicaStore
  }

  const clientId = await registerPublicClient(publicUrl, 'legacy-sse test client')
  const contoso = emulator.seed.demoUsers.filter((u) => u.tenantId === CONTOSO.id)
  return {
    publicUrl,
    store,
    keyPrefix: KEY_PREFIX,
    startReplica,
    newRedisStore,
    signIn: (userIndex = 0, path = '/sse') => {
      const user = contoso[userIndex]
      if (!user) throw new Error(`no Contoso demo user #${userIndex}`)
      return signIn({
        publicUrl,
        clientId,
        username: user.userPrincipalName,
        resource: `${publicUrl}${path}`,
      })
    },
  }
}
