// The platform as deployed, every service its own process on loopback: the Entra + Graph emulator,
// two auth replicas, two tools replicas and the gateway in front (the only public origin), all on
// the real Redis under a fresh REDIS_PREFIX. The gateway routes the OAuth paths to auth #1 and
// validates tokens with its JWKS; the tools replicas validate with auth #2's JWKS and exchange
// tokens at its internal listener, so the replicas must share keys and grants through Redis.
import { randomBytes, randomUUID } from 'node:crypto'
import { access, mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CONTOSO } from '@m365mcp/entra-emulator'
import { cleanupPrefix, createTestRedisClient, freePort, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import { findLeaks, type Leak } from './log-leaks.js'
import { spawnService, type ServiceProcess } from './service-process.js'
import { answers200, waitUntil } from './wait-until.js'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const ARTIFACTS_DIR = join(REPO_ROOT, 'test/e2e/artifacts')
/** A Contoso demo user of the emulator's seed (services/entra-emulator/README.md). */
export const DEMO_USER = 'priya.raman@contoso.example'
const GRAPH_SCOPES = 'User.Read,User.ReadBasic.All,People.Read,Calendars.Read,Mail.Read,Files.Read'

export interface FullStack {
  publicUrl: string
  mcpUrl: string
  sseUrl: string
  /** Origin of the emulator's identity side (its login page). */
  emulatorUrl: string
  /** Where this run's logs (and a test's screenshots) go. */
  runDir: string
  /** Prefix of every Redis key of this run (REDIS_PREFIX of the services). */
  redisPrefix: string
  processes: readonly ServiceProcess[]
  /** Starts a process of the stack again (same name, port, environment, log file) once it has ended. */
  respawn(name: string): Promise<ServiceProcess>
  /** Records a credential this run handed out, so the log scan looks for it verbatim. */
  remember(...secrets: (string | undefined)[]): void
  /** Stops every process (idempotent) and deletes the run's Redis keys. */
  stop(): Promise<void>
  /** Stops the stack, then lists every log line holding a credential (ATTACKS G50). */
  leaks(): Promise<Leak[]>
}

type Teardown = (fn: () => Promise<void> | void) => void

export interface FullStackOptions {
  /** A Redis of the test's own (e.g. one it restarts) instead of the shared test Redis. */
  redisUrl?: string
  /** Serve the emulator's /_emulator test API (fault injection). */
  emulatorAdmin?: boolean
}

export async function startFullStack(
  teardown: Teardown,
  label: string,
  options: FullStackOptions = {},
): Promise<FullStack> {
  const runDir = join(ARTIFACTS_DIR, `${label}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`)
  await mkdir(runDir, { recursive: true })
  const [gatewayPort, emulatorPort, graphPort, ...ports] = await Promise.all(
    Array.from({ length: 9 }, () => freePort()),
  )
  const [auth1, auth1Internal, auth2, auth2Internal, tools1, tools2] = ports
  const publicUrl = `http://localhost:${gatewayPort}`
  const emulatorUrl = `http://localhost:${emulatorPort}`
  const caFile = join(runDir, 'emulator-ca.pem')
  const redis = options.redisUrl === undefined ? await getTestRedis() : { url: options.redisUrl }
  const prefix = uniquePrefix(`e2e-${label}`)
  const entra = { clientId: randomUUID(), secret: randomBytes(24).toString('base64url') }
  const internalSecret = randomBytes(32).toString('base64url')
  const processes: ServiceProcess[] = []
  const specs = new Map<string, { script: string; env: Record<string, string> }>()
  const spawnNamed = (name: string) => {
    const spec = specs.get(name)
    if (spec === undefined) throw new Error(`no process named ${name}`)
    return spawnService({ name, ...spec, repoRoot: REPO_ROOT, logDir: runDir })
  }
  const start = (name: string, script: string, env: Record<string, string>) => {
    specs.set(name, { script, env: { LOG_LEVEL: 'debug', ...env } })
    const child = spawnNamed(name)
    processes.push(child)
    return child
  }
  /** The URLs that answer 200 once a process is ready, by process name (for respawn). */
  const readyUrls = new Map<string, string[]>()
  const ready = (child: ServiceProcess, url: string, accept?: (body: unknown) => boolean) =>
    waitUntil(`${child.name} at ${url}`, () => answers200(url, accept), {
      // Generous: six Node processes start at once on a small CI machine.
      timeoutMs: 60_000,
      abort: () => (child.exited() === null ? null : `exited ${child.exited()}, see ${child.logFile}`),
    })

  let stopped: Promise<void> | undefined
  const stop = () =>
    (stopped ??= (async () => {
      await Promise.all(processes.map((p) => p.stop()))
      const client = createTestRedisClient(redis.url)
      await cleanupPrefix(client, prefix).finally(() => client.disconnect())
    })())
  teardown(stop)

  const emulator = start('entra-emulator', 'services/entra-emulator/dist/server.js', {
    EMULATOR_HOST: '127.0.0.1',
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_GRAPH_PORT: String(graphPort),
    EMULATOR_PUBLIC_HOST: 'localhost',
    EMULATOR_CA_FILE: caFile,
    EMULATOR_CLIENT_ID: entra.clientId,
    EMULATOR_CLIENT_SECRET: entra.secret,
    EMULATOR_REDIRECT_URIS: `${publicUrl}/callback`,
    ...(options.emulatorAdmin ? { EMULATOR_ADMIN_ENABLED: 'true' } : {}),
  })
  const authority = `${emulatorUrl}/${CONTOSO.id}/v2.0`
  await ready(emulator, `${authority}/.well-known/openid-configuration`)
  // The CA file is written right after the listeners start; the services read it at start.
  await waitUntil('emulator CA file', () => access(caFile).then(() => true))

  const graphBaseUrl = `https://localhost:${graphPort}/v1.0`
  // Metrics listeners have a fixed default port, which two replicas on one host cannot share.
  const common = {
    PUBLIC_URL: publicUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    METRICS_ENABLED: 'false',
  }
  const authEnv = {
    ...common,
    INTERNAL_API_SECRET: internalSecret,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    COOKIE_SECRETS: randomBytes(32).toString('base64url'),
    ENTRA_AUTHORITY: authority,
    ENTRA_CLIENT_ID: entra.clientId,
    ENTRA_CLIENT_SECRET: entra.secret,
    ENTRA_GRAPH_SCOPES: GRAPH_SCOPES,
    ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
    ENTRA_CA_FILE: caFile,
    GRAPH_BASE_URL: graphBaseUrl,
  }
  const auths = [
    [auth1, auth1Internal],
    [auth2, auth2Internal],
  ].map(([port, internal], i) =>
    start(`auth-${i + 1}`, 'services/auth/dist/server.js', {
      ...authEnv,
      AUTH_HOST: '127.0.0.1',
      AUTH_PORT: String(port),
      AUTH_INTERNAL_HOST: '127.0.0.1',
      AUTH_INTERNAL_PORT: String(internal),
    }),
  )
  const toolsUrls = [tools1, tools2].map((port) => `http://127.0.0.1:${port}`)
  const tools = [tools1, tools2].map((port, i) =>
    start(`tools-${i + 1}`, 'services/tools/dist/server.js', {
      ...common,
      TOOLS_HOST: '127.0.0.1',
      TOOLS_PORT: String(port),
      AUTH_JWKS_URL: `http://127.0.0.1:${auth2}/jwks.json`,
      AUTH_INTERNAL_URL: `http://127.0.0.1:${auth2Internal}`,
      INTERNAL_API_SECRET: internalSecret,
      GRAPH_BASE_URL: graphBaseUrl,
      GRAPH_CA_FILE: caFile,
      CURSOR_KEYS: randomBytes(32).toString('base64url'),
      REPLICA_ID: `tools-${i + 1}`,
    }),
  )
  const gateway = start('gateway', 'services/gateway/dist/server.js', {
    ...common,
    GATEWAY_HOST: '127.0.0.1',
    GATEWAY_PORT: String(gatewayPort),
    AUTH_UPSTREAM: `http://127.0.0.1:${auth1}`,
    AUTH_JWKS_URL: `http://127.0.0.1:${auth1}/jwks.json`,
    TOOLS_UPSTREAMS: toolsUrls.join(','),
    HEALTH_CHECK_INTERVAL: '300ms',
  })
  auths.forEach((p, i) => {
    const [port, internal] = i === 0 ? [auth1, auth1Internal] : [auth2, auth2Internal]
    // The auth service's /healthz is on its internal listener; the public one must serve keys too.
    readyUrls.set(p.name, [`http://127.0.0.1:${internal}/healthz`, `http://127.0.0.1:${port}/jwks.json`])
  })
  tools.forEach((p, i) => readyUrls.set(p.name, [`${toolsUrls[i]}/healthz`]))
  readyUrls.set(gateway.name, [`http://127.0.0.1:${gatewayPort}/healthz`])
  await Promise.all(
    [...auths, ...tools, gateway].flatMap((p) => (readyUrls.get(p.name) ?? []).map((url) => ready(p, url))),
  )
  // Ready means both tools replicas are in the pool and auth answers through the gateway.
  await ready(
    gateway,
    `http://127.0.0.1:${gatewayPort}/readyz`,
    (body) => (body as { toolsReplicasHealthy?: number }).toolsReplicasHealthy === 2,
  )

  const secrets = new Set<string>([entra.secret, internalSecret])
  return {
    publicUrl,
    mcpUrl: `${publicUrl}/mcp`,
    sseUrl: `${publicUrl}/sse`,
    emulatorUrl,
    runDir,
    redisPrefix: prefix,
    processes,
    async respawn(name) {
      const index = processes.findIndex((p) => p.name === name)
      const old = processes[index]
      if (old === undefined || old.exited() === null) throw new Error(`${name} is not a process that ended`)
      await old.stop()
      const child = spawnNamed(name)
      processes[index] = child
      await Promise.all((readyUrls.get(name) ?? []).map((url) => ready(child, url)))
      return child
    },
    remember: (...values) => values.forEach((v) => v && secrets.add(v)),
    stop,
    async leaks() {
      await stop()
      return findLeaks(
        processes.map((p) => p.logFile),
        secrets,
      )
    },
  }
}
