// Starts the identity app on 127.0.0.1 with an ephemeral port. The issuer must be known before
// oidc-provider is built, so the HTTP server binds first and Fastify is attached to it.
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import { buildIdentityApp } from '../../../src/entra/app.js'
import type { EmulatorClient } from '../../../src/entra/app.js'
import { createTenantKeys } from '../../../src/entra/keys.js'
import type { TenantKeys } from '../../../src/entra/keys.js'
import { CONTOSO, FABRIKAM } from '../../../src/entra/tenants.js'
import { createFaultRegistry } from '../../../src/faults/registry.js'
import type { FaultRegistry } from '../../../src/faults/registry.js'
import { createSeed } from '../../../src/seed/index.js'
import type { Seed } from '../../../src/seed/types.js'

export const CLIENT_SECRET = 'test-client-secret-value'

export interface IdentityServer {
  /** The origin the server presents (issuers, endpoints): `url`, or StartOptions.origin. */
  origin: string
  /** Where it answers on loopback. */
  url: string
  app: FastifyInstance
  seed: Seed
  keys: TenantKeys
  faults: FaultRegistry
  issuer(tenantId: string): string
  /** A fresh app registration with a redirect URI on this server's host. */
  client(overrides?: Partial<EmulatorClient>): EmulatorClient
  close(): Promise<void>
}

export interface StartOptions {
  adminEnabled?: boolean
  accessTokenTtlSeconds?: number
  now?: () => number
  /** Present the tenants under this origin, e.g. https://login.microsoftonline.com (tests route it to `url`). */
  origin?: string
}

let seedCache: Seed | undefined
const seed = () => (seedCache ??= createSeed({ now: Date.now() }))

export async function startIdentityServer(options: StartOptions = {}): Promise<IdentityServer> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`
  const origin = options.origin ?? url
  const keys = await createTenantKeys([CONTOSO.id, FABRIKAM.id])
  const faults = createFaultRegistry()
  const app = buildIdentityApp({
    origin,
    tenants: seed().tenants,
    directory: seed(),
    keys,
    faults,
    clients: [],
    adminEnabled: options.adminEnabled ?? true,
    logger: pino({ level: process.env.EMULATOR_TEST_LOG ?? 'silent' }),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    now: options.now,
    serverFactory: (handler) => {
      server.on('request', handler)
      return server
    },
  })
  await app.ready()
  return {
    origin,
    url,
    app,
    seed: seed(),
    keys,
    faults,
    issuer: (tenantId) => `${origin}/${tenantId}/v2.0`,
    client: (overrides = {}) => {
      const client: EmulatorClient = {
        clientId: randomUUID(),
        tenantId: CONTOSO.id,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${origin}/callback`],
        permissions: ['User.Read', 'People.Read', 'Mail.Read'],
        name: 'Test App',
        ...overrides,
      }
      app.addClient(client)
      return client
    },
    async close() {
      await app.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
