// Two auth service replicas (each its own services and both listeners) on one Redis prefix with the
// same configuration, federated to one emulator: what a horizontally scaled deployment looks like
// behind the gateway. Both act as the same public origin (PUBLIC_URL is replica A's URL); a request
// "to replica B" goes to B's port with the public URL's path, as a load balancer would send it.
// Everything the replicas log (level trace, through the production logger and its redaction) is
// kept in memory so tests can scan it.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '@m365mcp/config'
import { CONTOSO, startEmulator, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createLogger } from '@m365mcp/logger'
import { createRedisStore } from '@m365mcp/store'
import { cleanupPrefix, createTestRedisClient, freePort, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import pino from 'pino'
import { buildApp, buildInternalApp } from '../../src/app.js'
import { configSchema, serviceName } from '../../src/config.js'
import { createServices, type AuthServices } from '../../src/services.js'
import { GRAPH_SCOPES, INTERNAL_SECRET } from './auth-harness.js'

type Teardown = (fn: () => Promise<void> | void) => void
type RedisClient = ReturnType<typeof createTestRedisClient>

export interface Replica {
  name: 'A' | 'B'
  /** Where this replica's public listener answers (same paths as PUBLIC_URL). */
  url: string
  internalUrl: string
  services: AuthServices
}

export interface ReplicaHarness {
  /** The public origin both replicas serve (replica A's listener). */
  publicUrl: string
  a: Replica
  b: Replica
  replicas: readonly [Replica, Replica]
  emulator: RunningEmulator
  /** The auth service's app registration at the emulator. */
  entraClientId: string
  entraClientSecret: string
  prefix: string
  /** A Redis connection of the test's own, for scans. */
  redis: RedisClient
  /** Every line both replicas logged so far. */
  logs(): readonly string[]
  /** The configured secrets (Entra client secret, internal secret, cookie and encryption keys). */
  configSecrets: readonly string[]
}

export interface StartReplicasOptions {
  /** Environment overrides for both replicas (they always share one configuration). */
  env?: Record<string, string>
  /** Lifetime of the emulator's Graph access tokens (default 1 h). */
  accessTokenTtlSeconds?: number
}

export async function startReplicas(
  teardown: Teardown,
  options: StartReplicasOptions = {},
): Promise<ReplicaHarness> {
  const portA = await freePort()
  const publicUrl = `http://localhost:${portA}`
  const entraClientId = randomUUID()
  const entraClientSecret = `replica-entra-secret-${randomBytes(12).toString('base64url')}`
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
        clientSecret: entraClientSecret,
        tenantId: CONTOSO.id,
        redirectUris: [`${publicUrl}/callback`],
        permissions: GRAPH_SCOPES,
      },
    ],
  })
  teardown(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'auth-replicas-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const { url: redisUrl } = await getTestRedis()
  const prefix = uniquePrefix('auth-replicas')
  const redis = createTestRedisClient(redisUrl)
  teardown(async () => {
    await cleanupPrefix(redis, prefix)
    redis.disconnect()
  })

  const encryptionKey = randomBytes(32).toString('base64')
  const cookieSecret = randomBytes(32).toString('base64url')
  const config = loadConfig(configSchema, {
    PUBLIC_URL: publicUrl,
    INTERNAL_API_SECRET: INTERNAL_SECRET,
    TOKEN_ENCRYPTION_KEYS: `k1:${encryptionKey}`,
    COOKIE_SECRETS: cookieSecret,
    ENTRA_AUTHORITY: emulator.issuer(CONTOSO.id),
    ENTRA_CLIENT_ID: entraClientId,
    ENTRA_CLIENT_SECRET: entraClientSecret,
    ENTRA_GRAPH_SCOPES: GRAPH_SCOPES.join(','),
    ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    ENTRA_CA_FILE: caFile,
    LOG_LEVEL: 'trace',
    ...options.env,
  })
  const lines: string[] = []
  const logger = createLogger({
    service: serviceName,
    level: 'trace',
    destination: { write: (line: string) => void lines.push(line) },
  })

  async function startReplica(name: 'A' | 'B', port: number): Promise<Replica> {
    // Each replica has its own Redis connection and services, as separate processes would.
    const client = createTestRedisClient(redisUrl)
    const store = createRedisStore({ redis: client, prefix })
    const replicaLogger = logger.child({ replica: name })
    const services = await createServices({ config, store, logger: replicaLogger })
    const app = await buildApp({ services, logger: replicaLogger })
    const internal = await buildInternalApp({ services, logger: replicaLogger })
    teardown(async () => {
      await store.close()
      client.disconnect()
    })
    teardown(() => services.close())
    teardown(() => app.close())
    teardown(() => internal.close())
    await app.listen({ host: '127.0.0.1', port })
    await internal.listen({ host: '127.0.0.1', port: 0 })
    return {
      name,
      url: `http://localhost:${(app.server.address() as AddressInfo).port}`,
      internalUrl: `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`,
      services,
    }
  }

  const a = await startReplica('A', portA)
  const b = await startReplica('B', 0)
  return {
    publicUrl,
    a,
    b,
    replicas: [a, b],
    emulator,
    entraClientId,
    entraClientSecret,
    prefix,
    redis,
    logs: () => [...lines],
    configSecrets: [entraClientSecret, INTERNAL_SECRET, encryptionKey, cookieSecret],
  }
}
