// The real auth service (public and internal listeners) federated to the real emulator on a real
// Redis with a fresh prefix, and a user signed in through the MCP client's flow (DCR, /authorize
// with PKCE, consent, the emulator's login page, /token). Adapted from services/auth's own test
// support: packages never import each other's test folders.
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp, buildInternalApp, configSchema, createServices, type AuthServices } from '@m365mcp/auth'
import { loadConfig } from '@m365mcp/config'
import { CONTOSO, DEMO_PASSWORD, startEmulator, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createRedisStore, type Store } from '@m365mcp/store'
import {
  authEnvForEmulator,
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  registerPublicClient,
  signIn as signInWithPassword,
  uniquePrefix,
} from '@m365mcp/testing'
import pino from 'pino'

export const INTERNAL_SECRET = 'tools-graph-internal-secret-0123456789abcdef'
export const GRAPH_SCOPES = ['User.Read', 'People.Read']

export interface AuthHarness {
  publicUrl: string
  internalUrl: string
  emulator: RunningEmulator
  services: AuthServices
  store: Store
  /** The auth service's `grant-revoked` channel. */
  grantRevokedChannel: string
  /** Signs the first Contoso demo user in; returns our access token and its grant id. */
  signIn(): Promise<{ accessToken: string; grantId: string; sub: string }>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startAuth(teardown: Teardown): Promise<AuthHarness> {
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'tools-graph-entra-secret'
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger: pino({ level: 'silent' }),
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
  const caFile = join(await mkdtemp(join(tmpdir(), 'tools-graph-')), 'emulator-ca.pem')
  await writeFile(caFile, emulator.caPem)

  const redis = await getTestRedis()
  const prefix = uniquePrefix('tools-graph')
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
  })
  const logger = pino({ level: 'silent' })
  const services = await createServices({ config, store, logger })
  teardown(() => services.close())
  const app = await buildApp({ services, logger })
  const internal = await buildInternalApp({ services, logger })
  await app.listen({ host: '127.0.0.1', port })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  teardown(() => app.close())
  teardown(() => internal.close())
  const internalUrl = `http://127.0.0.1:${(internal.server.address() as AddressInfo).port}`

  const clientId = await registerPublicClient(publicUrl, 'tools-graph test client')
  const demo = emulator.seed.demoUsers.find((u) => u.tenantId === CONTOSO.id)
  if (!demo) throw new Error('the emulator has no Contoso demo user')
  const username = demo.userPrincipalName

  async function signIn() {
    const signedIn = await signInWithPassword({
      publicUrl,
      clientId,
      username,
      password: DEMO_PASSWORD,
      resource: `${publicUrl}/mcp`,
    })
    return { accessToken: signedIn.accessToken, grantId: signedIn.grantId, sub: signedIn.sub }
  }

  return {
    publicUrl,
    internalUrl,
    emulator,
    services,
    store,
    grantRevokedChannel: `${config.REDIS_PREFIX}auth:events:grant-revoked`,
    signIn,
  }
}
