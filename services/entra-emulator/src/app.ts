// Composition root of the emulator: seed, keys and fault registry shared by the identity listener
// (HTTP, Entra ID v2 paths) and the Graph listener (HTTPS, /v1.0 with a per-run CA).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import {
  buildIdentityApp,
  type EmulatorClient,
  type IssuedRefreshToken,
  type TokenStatsSnapshot,
} from './entra/app.js'
import { createTenantKeys } from './entra/keys.js'
import { TENANTS } from './entra/tenants.js'
import { createFaultRegistry, type FaultRegistry } from './faults/registry.js'
import { buildGraphApp } from './graph/app.js'
import { createRunCertificates } from './graph/tls.js'
import { createSeed } from './seed/index.js'
import type { Seed } from './seed/types.js'

export interface EmulatorOptions {
  /** Interface to bind, default 127.0.0.1. */
  host?: string
  /** Identity (HTTP) port; 0 picks a free one. */
  port?: number
  /** Graph (HTTPS) port; 0 picks a free one. */
  graphPort?: number
  /** Host name clients and browsers use (issuer, login page, nextLinks), default localhost. */
  publicHost?: string
  /**
   * Origin the identity side presents itself under instead of `http://{publicHost}:{port}`: issuers,
   * endpoint URLs and redirects, e.g. `https://login.microsoftonline.com`, so that a relying party
   * takes the multi-tenant (`/organizations`, `/common`) branch it only takes for Entra's real
   * origin. Nothing answers there: tests route that origin to `identityUrl` in their transport and
   * scripted browser. Tests only.
   */
  issuerOrigin?: string
  adminEnabled?: boolean
  accessTokenTtlSeconds?: number
  clients?: EmulatorClient[]
  logger: Logger
  now?: () => number
}

export interface RunningEmulator {
  /** e.g. http://localhost:8790, or `issuerOrigin` when one was given. */
  identityOrigin: string
  /** Where the identity listener answers, e.g. http://localhost:8790 (identityOrigin unless `issuerOrigin`). */
  identityUrl: string
  /** e.g. https://localhost:8791 */
  graphOrigin: string
  /** e.g. https://localhost:8791/v1.0 */
  graphBaseUrl: string
  /** PEM of the per-run CA that signs the Graph listener's certificate. */
  caPem: string
  /** The tenant issuer, as in Entra: `${identityOrigin}/${tenantId}/v2.0`. */
  issuer(tenantId: string): string
  seed: Seed
  faults: FaultRegistry
  addClient(client: EmulatorClient): void
  /** Token-endpoint requests counted per grant type and client (also `GET /_emulator/stats`). */
  stats(): TokenStatsSnapshot
  /** Hex SHA-256 of the last refresh token issued per client and user (`GET /_emulator/refresh-tokens`). */
  refreshTokens(): IssuedRefreshToken[]
  /** W3C `traceparent` headers of the latest Graph requests (up to 100, oldest first; docs/tracing.md). */
  graphTraceparents(): string[]
  close(): Promise<void>
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1'
  const publicHost = options.publicHost ?? 'localhost'
  const now = options.now ?? Date.now
  const logger = options.logger
  const seed = createSeed({ now: now() })
  const keys = await createTenantKeys(TENANTS.map((t) => t.id))
  const faults = createFaultRegistry()

  // The issuer must be known before oidc-provider is built, so the identity listener binds first
  // and Fastify is attached to the already-listening server.
  const identityServer = createServer()
  const identityPort = await listen(identityServer, options.port ?? 8790, host)
  const identityUrl = `http://${urlHost(publicHost)}:${identityPort}`
  const identityOrigin = options.issuerOrigin ?? identityUrl
  let identityApp: FastifyInstance | undefined
  let graphApp: FastifyInstance | undefined
  try {
    identityApp = buildIdentityApp({
      origin: identityOrigin,
      tenants: seed.tenants,
      directory: seed,
      keys,
      faults,
      clients: options.clients ?? [],
      adminEnabled: options.adminEnabled ?? false,
      logger: logger.child({ side: 'identity' }),
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
      now,
      serverFactory: (handler) => {
        identityServer.on('request', handler)
        return identityServer
      },
    })
    await identityApp.ready()

    const tls = await createRunCertificates({ hosts: [publicHost, 'localhost', '127.0.0.1', '::1'] })
    graphApp = buildGraphApp({
      https: { key: tls.keyPem, cert: tls.certPem },
      seed,
      tenants: seed.tenants,
      keys,
      identityOrigin,
      faults,
      logger: logger.child({ side: 'graph' }),
      now,
    })
    // Real Graph ignores a caller's traceparent; the emulator keeps it so tests see it was sent.
    const traceparents: string[] = []
    graphApp.addHook('onRequest', (request, _reply, done) => {
      const traceparent = request.headers.traceparent
      if (typeof traceparent === 'string') traceparents.push(traceparent)
      if (traceparents.length > 100) traceparents.shift()
      done()
    })
    await graphApp.listen({ port: options.graphPort ?? 8791, host })
    const graphPort = (graphApp.server.address() as AddressInfo).port
    const graphOrigin = `https://${urlHost(publicHost)}:${graphPort}`

    const identity = identityApp
    const graph = graphApp
    return {
      identityOrigin,
      identityUrl,
      graphOrigin,
      graphBaseUrl: `${graphOrigin}/v1.0`,
      caPem: tls.caPem,
      issuer: (tenantId) => `${identityOrigin}/${tenantId}/v2.0`,
      seed,
      faults,
      addClient: (client) => identity.addClient(client),
      stats: () => identity.tokenStats(),
      refreshTokens: () => identity.issuedRefreshTokens(),
      graphTraceparents: () => [...traceparents],
      async close() {
        await graph.close()
        await identity.close()
        identityServer.closeAllConnections()
        await new Promise<void>((resolve) => identityServer.close(() => resolve()))
      },
    }
  } catch (err) {
    await graphApp?.close()
    await identityApp?.close()
    identityServer.close()
    throw err
  }
}
