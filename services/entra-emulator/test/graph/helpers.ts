// Shared set-up for the Graph emulator tests: a real HTTPS listener on a loopback ephemeral port
// trusted through the run CA, Entra-shaped access tokens minted with the tenant keys, and a fetch
// bound to that trust.
import type { FastifyInstance } from 'fastify'
import { importJWK, SignJWT } from 'jose'
import type { JWTPayload } from 'jose'
import { randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { Agent, fetch } from 'undici'
import { createTenantKeys } from '../../src/entra/keys.js'
import type { TenantKeys } from '../../src/entra/keys.js'
import { GRAPH_AUDIENCE, TENANTS } from '../../src/entra/tenants.js'
import { createFaultRegistry } from '../../src/faults/registry.js'
import type { FaultRegistry } from '../../src/faults/registry.js'
import { buildGraphApp } from '../../src/graph/app.js'
import { createRunCertificates } from '../../src/graph/tls.js'
import type { RunCertificates } from '../../src/graph/tls.js'
import { createSeed } from '../../src/seed/index.js'
import type { Seed, SeedUser } from '../../src/seed/types.js'

export const IDENTITY_ORIGIN = 'http://localhost:8790'
export const ALL_SCOPES =
  'User.Read User.Read.All People.Read Mail.Read Mail.Send Calendars.ReadWrite Calendars.Read.Shared Files.Read.All GroupMember.Read.All'

/** A fixed Wednesday 10:00 UTC so seeded weeks and findMeetingTimes windows are predictable. */
export const NOW = Date.parse('2025-06-04T10:00:00Z')

let shared: Promise<{ keys: TenantKeys; certs: RunCertificates }> | undefined
function material() {
  shared ??= (async () => ({
    keys: await createTenantKeys(TENANTS.map((t) => t.id)),
    certs: await createRunCertificates(),
  }))()
  return shared
}

export interface GraphHarness {
  base: string
  origin: string
  seed: Seed
  keys: TenantKeys
  faults: FaultRegistry
  caPem: string
  clock: { now: number }
  /** Every route the app registered (HEAD twins of GET routes included), as Fastify's onRoute saw it. */
  routes: readonly GraphRoute[]
  token(
    user: SeedUser,
    overrides?: Partial<JWTPayload> & { scp?: string },
    header?: Record<string, unknown>,
  ): Promise<string>
  get(path: string, token: string, headers?: Record<string, string>): Promise<GraphResponse>
  post(path: string, token: string, body: unknown, headers?: Record<string, string>): Promise<GraphResponse>
  /** Any method below /v1.0; the token is left out when undefined. */
  call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<GraphResponse>
  /** Follows an absolute URL (nextLink) as given. */
  getUrl(url: string, token: string, headers?: Record<string, string>): Promise<GraphResponse>
  close(): Promise<void>
}

export interface GraphRoute {
  method: string
  /** The registered pattern, prefix included, e.g. `/v1.0/users/:id`. */
  url: string
}

export interface GraphResponse {
  status: number
  headers: Headers
  text: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are asserted field by field
  json: any
}

/**
 * The Graph app as the harness builds it, not yet ready. `setup` runs in the same tick as the build,
 * before Fastify loads the route plugins, so its onRoute hooks see every route and its plugins load
 * with the app's own.
 */
export async function buildTestGraphApp(
  options: {
    seed?: Seed
    faults?: FaultRegistry
    clock?: { now: number }
    setup?: (app: FastifyInstance) => void
  } = {},
): Promise<FastifyInstance> {
  const { keys, certs } = await material()
  const seed = options.seed ?? createSeed({ now: NOW })
  const clock = options.clock ?? { now: NOW }
  const app = buildGraphApp({
    https: { key: certs.keyPem, cert: certs.certPem },
    seed,
    tenants: seed.tenants,
    keys,
    identityOrigin: IDENTITY_ORIGIN,
    faults: options.faults ?? createFaultRegistry(),
    logger: pino({ level: 'silent' }),
    now: () => clock.now,
  })
  options.setup?.(app)
  return app
}

export async function startGraph(): Promise<GraphHarness> {
  const { keys, certs } = await material()
  const clock = { now: NOW }
  const seed = createSeed({ now: NOW })
  const faults = createFaultRegistry()
  const routes: GraphRoute[] = []
  const app = await buildTestGraphApp({
    seed,
    faults,
    clock,
    setup: (graph) =>
      graph.addHook('onRoute', (route) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url })
      }),
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as AddressInfo).port
  const origin = `https://localhost:${port}`
  const dispatcher = new Agent({ connect: { ca: certs.caPem } })

  const request = async (
    url: string,
    init: { method: string; token?: string; headers?: Record<string, string>; body?: unknown },
  ) => {
    const headers: Record<string, string> = { ...(init.headers ?? {}) }
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
    let body: string | undefined
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(url, { method: init.method, headers, body, dispatcher })
    const text = await res.text()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see GraphResponse.json
    let json: any
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, headers: res.headers as unknown as Headers, text, json }
  }

  return {
    base: `${origin}/v1.0`,
    origin,
    seed,
    keys,
    faults,
    caPem: certs.caPem,
    clock,
    routes,
    async token(user, overrides = {}, header = {}) {
      const jwk = keys.privateJwk(user.tenantId)
      const key = await importJWK(jwk, 'RS256')
      const iat = Math.floor(clock.now / 1000)
      const claims: JWTPayload = {
        iss: `${IDENTITY_ORIGIN}/${user.tenantId}/v2.0`,
        aud: GRAPH_AUDIENCE,
        scp: ALL_SCOPES,
        oid: user.id,
        tid: user.tenantId,
        sub: randomUUID(),
        upn: user.userPrincipalName,
        preferred_username: user.userPrincipalName,
        name: user.displayName,
        appid: 'test-client',
        idtyp: 'user',
        iat,
        nbf: iat,
        exp: iat + 3600,
        uti: randomUUID(),
        ver: '2.0',
        ...overrides,
      }
      for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k]
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid, typ: 'JWT', ...header })
        .sign(key)
    },
    get: (path, token, headers) => request(`${origin}/v1.0${path}`, { method: 'GET', token, headers }),
    post: (path, token, body, headers) =>
      request(`${origin}/v1.0${path}`, { method: 'POST', token, headers, body }),
    call: (method, path, token, body, headers) =>
      request(`${origin}/v1.0${path}`, { method, token, headers, body }),
    getUrl: (url, token, headers) => request(url, { method: 'GET', token, headers }),
    async close() {
      await app.close()
      await dispatcher.close()
    },
  }
}

/** The first seeded Contoso user with a manager, and one at the top of the org. */
export function contosoUsers(seed: Seed) {
  const contoso = seed.users.filter((u) => u.tenantId === seed.tenants[0]?.id)
  const top = contoso.find((u) => u.managerId === null) as SeedUser
  const withManager = contoso.find(
    (u) => u.managerId !== null && seed.users.some((r) => r.managerId === u.id),
  ) as SeedUser
  return { contoso, top, withManager }
}

/** The error `fn` throws, or undefined when it returns. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn()
    return undefined
  } catch (err) {
    return err
  }
}
