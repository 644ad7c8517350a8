// OpenTelemetry tracing across real processes (docs/tracing.md): the gateway, auth and tools each
// export their own spans (their own `service.name`) to an in-test OTLP/HTTP receiver, and one
// tools/call of a Graph tool through the gateway is ONE trace: gateway SERVER → gateway CLIENT →
// tools SERVER → tools CLIENT (token exchange) → auth SERVER, and a tools CLIENT span to Graph,
// whose emulator received the traceparent. No span carries a credential or the user's email. A
// tools replica with TRACING_ENABLED unset sends nothing, though an endpoint is configured.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CONTOSO, DEMO_PASSWORD, startEmulator } from '@m365mcp/entra-emulator'
import {
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  registerPublicClient,
  signIn,
  startOtlpReceiver,
  uniquePrefix,
  type ReceivedSpan,
} from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'
import { ARTIFACTS_DIR, REPO_ROOT } from './support/full-stack.js'
import { callTool, succeeded } from './support/raw-mcp.js'
import { spawnService, type ServiceProcess } from './support/service-process.js'
import { answers200, waitUntil } from './support/wait-until.js'

const SERVER = 2
const CLIENT = 3
const GRAPH_SCOPES = 'User.Read,User.ReadBasic.All,People.Read,Calendars.Read,Mail.Read'

const receiver = await startOtlpReceiver()
t.teardown(() => receiver.close())
// Configured as the endpoint of a replica with tracing off: must never be called.
const untracedReceiver = await startOtlpReceiver()
t.teardown(() => untracedReceiver.close())

const runDir = join(ARTIFACTS_DIR, `tracing-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`)
await mkdir(runDir, { recursive: true })
const [gatewayPort, authPort, internalPort, toolsPort, untracedPort] = await Promise.all([
  freePort(),
  freePort(),
  freePort(),
  freePort(),
  freePort(),
])
const publicUrl = `http://localhost:${gatewayPort}`
const entra = { clientId: randomUUID(), secret: randomBytes(24).toString('base64url') }
const emulator = await startEmulator({
  port: 0,
  graphPort: 0,
  logger: pino({ level: 'silent' }),
  clients: [
    {
      clientId: entra.clientId,
      clientSecret: entra.secret,
      tenantId: CONTOSO.id,
      redirectUris: [`${publicUrl}/callback`],
      permissions: GRAPH_SCOPES.split(','),
    },
  ],
})
t.teardown(() => emulator.close())
const caFile = join(runDir, 'emulator-ca.pem')
await writeFile(caFile, emulator.caPem)

const redis = await getTestRedis()
const prefix = uniquePrefix('e2e-tracing')
const processes: ServiceProcess[] = []
// Stopped with SIGTERM: the graceful shutdown exports the spans still batched.
const stopAll = () => Promise.all(processes.map((p) => p.stop()))
t.teardown(async () => {
  await stopAll()
  const client = createTestRedisClient(redis.url)
  await cleanupPrefix(client, prefix).finally(() => client.disconnect())
})
const start = (name: string, script: string, env: Record<string, string>) => {
  const child = spawnService({ name, script, env, repoRoot: REPO_ROOT, logDir: runDir })
  processes.push(child)
  return child
}
const ready = (child: ServiceProcess, url: string) =>
  waitUntil(`${child.name} at ${url}`, () => answers200(url), {
    timeoutMs: 30_000,
    abort: () => (child.exited() === null ? null : `exited ${child.exited()}, see ${child.logFile}`),
  })

const internalSecret = randomBytes(32).toString('base64url')
const tracingEnv = (serviceName: string) => ({
  TRACING_ENABLED: 'true',
  OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
  OTEL_SERVICE_NAME: serviceName,
})
const common = {
  PUBLIC_URL: publicUrl,
  REDIS_URL: redis.url,
  REDIS_PREFIX: prefix,
  METRICS_ENABLED: 'false',
  LOG_LEVEL: 'info',
}
const auth = start('auth', 'services/auth/dist/server.js', {
  ...common,
  ...tracingEnv('m365mcp-auth'),
  AUTH_HOST: '127.0.0.1',
  AUTH_PORT: String(authPort),
  AUTH_INTERNAL_HOST: '127.0.0.1',
  AUTH_INTERNAL_PORT: String(internalPort),
  INTERNAL_API_SECRET: internalSecret,
  TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  COOKIE_SECRETS: randomBytes(32).toString('base64url'),
  ENTRA_AUTHORITY: emulator.issuer(CONTOSO.id),
  ENTRA_CLIENT_ID: entra.clientId,
  ENTRA_CLIENT_SECRET: entra.secret,
  ENTRA_GRAPH_SCOPES: GRAPH_SCOPES,
  ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
  ENTRA_CA_FILE: caFile,
  GRAPH_BASE_URL: emulator.graphBaseUrl,
})
const toolsEnv = (port: number) => ({
  ...common,
  TOOLS_HOST: '127.0.0.1',
  TOOLS_PORT: String(port),
  AUTH_JWKS_URL: `http://127.0.0.1:${authPort}/jwks.json`,
  AUTH_INTERNAL_URL: `http://127.0.0.1:${internalPort}`,
  INTERNAL_API_SECRET: internalSecret,
  GRAPH_BASE_URL: emulator.graphBaseUrl,
  GRAPH_CA_FILE: caFile,
  CURSOR_KEYS: randomBytes(32).toString('base64url'),
  REPLICA_ID: `tools-${port}`,
})
const tools = start('tools', 'services/tools/dist/server.js', {
  ...toolsEnv(toolsPort),
  ...tracingEnv('m365mcp-tools'),
})
const untraced = start('tools-untraced', 'services/tools/dist/server.js', {
  ...toolsEnv(untracedPort),
  OTEL_EXPORTER_OTLP_ENDPOINT: untracedReceiver.endpoint,
})
const gateway = start('gateway', 'services/gateway/dist/server.js', {
  ...common,
  ...tracingEnv('m365mcp-gateway'),
  GATEWAY_HOST: '127.0.0.1',
  GATEWAY_PORT: String(gatewayPort),
  AUTH_UPSTREAM: `http://127.0.0.1:${authPort}`,
  AUTH_JWKS_URL: `http://127.0.0.1:${authPort}/jwks.json`,
  TOOLS_UPSTREAMS: `http://127.0.0.1:${toolsPort}`,
  HEALTH_CHECK_INTERVAL: '300ms',
})
await Promise.all([
  ready(auth, `http://127.0.0.1:${internalPort}/healthz`),
  ready(tools, `http://127.0.0.1:${toolsPort}/healthz`),
  ready(untraced, `http://127.0.0.1:${untracedPort}/healthz`),
  ready(gateway, `http://127.0.0.1:${gatewayPort}/readyz`),
])

const username = emulator.seed.demoUsers.find((u) => u.tenantId === CONTOSO.id)?.userPrincipalName ?? ''
const clientId = await registerPublicClient(publicUrl)
const grant = await signIn({
  publicUrl,
  clientId,
  username,
  password: DEMO_PASSWORD,
  resource: `${publicUrl}/mcp`,
})
const graphBefore = emulator.graphTraceparents().length
const reply = await callTool(`${publicUrl}/mcp`, grant.accessToken, 'getUserProfile')
const graphTraceparents = emulator.graphTraceparents().slice(graphBefore)
// The same call straight to the replica without tracing, with a caller's traceparent.
const untracedReply = await callTool(
  `http://127.0.0.1:${untracedPort}/mcp`,
  grant.accessToken,
  'getUserProfile',
)
await stopAll()

const spans = receiver.spans
const byId = new Map(spans.map((s) => [s.spanId, s]))
const parentOf = (span: ReceivedSpan | undefined) =>
  span?.parentSpanId === undefined ? undefined : byId.get(span.parentSpanId)
const toolsCall = spans.find(
  (s) => s.service === 'm365mcp-gateway' && s.kind === SERVER && s.name === 'POST /mcp',
)
const trace = spans.filter((s) => s.traceId === toolsCall?.traceId)
const inTrace = (service: string, kind: number, match: (s: ReceivedSpan) => boolean) =>
  trace.find((s) => s.service === service && s.kind === kind && match(s))

t.test(
  'tools/call through the gateway: one trace from gateway to tools to auth (W3C Trace Context)',
  async (t) => {
    t.ok(succeeded(reply), 'the tool answered')
    t.ok(toolsCall, 'the gateway exported a SERVER span POST /mcp')
    t.equal(toolsCall?.parentSpanId, undefined, 'the gateway span is the root: the edge starts the trace')

    const gatewayClient = inTrace(
      'm365mcp-gateway',
      CLIENT,
      (s) => parentOf(s) === toolsCall && s.attributes['url.full'] === `http://127.0.0.1:${toolsPort}/mcp`,
    )
    t.ok(gatewayClient, 'gateway CLIENT (the proxied request) under the gateway SERVER span')
    const toolsServer = inTrace('m365mcp-tools', SERVER, (s) => parentOf(s) === gatewayClient)
    t.equal(toolsServer?.name, 'POST /mcp', 'tools SERVER span under the gateway CLIENT span')
    const toolsClients = trace.filter((s) => s.service === 'm365mcp-tools' && s.kind === CLIENT)
    const exchange = toolsClients.find((s) =>
      String(s.attributes['url.full']).startsWith(`http://127.0.0.1:${internalPort}/`),
    )
    t.ok(exchange, 'tools CLIENT span of the token exchange')
    t.ok(exchange && parentOf(exchange)?.service === 'm365mcp-tools', 'its parent is in the tools service')
    const authServer = inTrace('m365mcp-auth', SERVER, (s) => parentOf(s) === exchange)
    t.ok(authServer, 'auth SERVER span under the token exchange CLIENT span')
    t.equal(authServer?.attributes['m365mcp.component'], 'auth-internal')

    const graphCall = toolsClients.find((s) =>
      String(s.attributes['url.full']).startsWith(emulator.graphBaseUrl),
    )
    t.ok(graphCall, 'tools CLIENT span of the Graph call')
    t.equal(graphCall?.attributes['http.response.status_code'], 200)
    t.ok(
      graphTraceparents.some((tp) => tp === `00-${toolsCall?.traceId}-${graphCall?.spanId}-01`),
      'Graph received the traceparent of that CLIENT span',
    )
    t.same(
      new Set(trace.map((s) => s.service)),
      new Set(['m365mcp-gateway', 'm365mcp-tools', 'm365mcp-auth']),
    )
  },
)

t.test('spans carry no bearer token, JWT, OAuth code or user email', async (t) => {
  t.ok(spans.length > 0)
  const attributes = JSON.stringify(spans.map((s) => [s.name, s.attributes]))
  for (const forbidden of ['Bearer', 'eyJ', 'code=', username, grant.accessToken.slice(0, 24)])
    t.notOk(attributes.toLowerCase().includes(forbidden.toLowerCase()), `no ${forbidden.slice(0, 12)}`)
})

t.test('TRACING_ENABLED unset: nothing is sent to the configured endpoint', async (t) => {
  t.ok(succeeded(untracedReply), 'the untraced replica answered the same call')
  t.equal(untracedReceiver.requests, 0)
})
