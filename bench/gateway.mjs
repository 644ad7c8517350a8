// The gateway's cost (issue 5), measured side by side in one run: the emulator, the auth service,
// one tools replica and the gateway in this process (built packages), one signed-in user, and the
// same client code (raw fetch of JSON-RPC `tools/call add`) sent through the gateway and directly to
// the tools replica with the same token. Throughput: a fixed concurrency for alternating rounds,
// median ratio gateway ÷ direct. Latency: an open-loop fixed rate on both paths (alternating
// slices), p50/p99 of each and the difference. Rate limits are on (Redis), with limits too high to
// refuse, so their store round trip is part of the cost. Prints only; nothing is asserted.
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import {
  buildApp as buildAuthApp,
  buildInternalApp,
  configSchema as authSchema,
  createServices,
} from '../services/auth/dist/index.js'
import { CONTOSO, DEMO_PASSWORD, startEmulator } from '../services/entra-emulator/dist/index.js'
import {
  buildApp as buildGatewayApp,
  configSchema as gatewaySchema,
  createGatewayServices,
} from '../services/gateway/dist/index.js'
import {
  buildApp as buildToolsApp,
  configSchema as toolsSchema,
  createToolsServices,
} from '../services/tools/dist/index.js'
import { loadConfig } from '../shared/config/dist/index.js'
import { createMemoryStore, createRedisStore } from '../shared/store/dist/index.js'
import {
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  registerPublicClient,
  signIn,
  uniquePrefix,
} from '../shared/testing/dist/index.js'

const CONCURRENCY = 16
const ROUND_MS = 1_000
const ROUNDS = 5
// At most 100 req/s, and at most 30% of the gateway path's measured capacity: a saturated path
// measures its queue, not the gateway (all of it shares this one process).
const MAX_RATE_PER_SEC = 100
const LATENCY_SLICE_MS = 2_000
const LATENCY_SLICES = 5 // per path: 10 s each
const GRAPH_SCOPES = ['User.Read', 'User.ReadBasic.All', 'People.Read', 'Calendars.ReadWrite', 'Mail.Read']

async function startPlatform(closers) {
  const logger = pino({ level: 'silent' })
  const port = await freePort()
  const publicUrl = `http://localhost:${port}`
  const entraClientId = randomUUID()
  const entraSecret = 'bench-entra-secret'
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
  closers.push(() => emulator.close())
  const caFile = join(await mkdtemp(join(tmpdir(), 'bench-gateway-')), 'ca.pem')
  await writeFile(caFile, emulator.caPem)
  const store = createMemoryStore()
  closers.push(() => store.close())
  const secret = randomBytes(24).toString('base64url')
  const authConfig = loadConfig(authSchema, {
    PUBLIC_URL: publicUrl,
    INTERNAL_API_SECRET: secret,
    TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    COOKIE_SECRETS: randomBytes(32).toString('base64url'),
    ENTRA_AUTHORITY: emulator.issuer(CONTOSO.id),
    ENTRA_CLIENT_ID: entraClientId,
    ENTRA_CLIENT_SECRET: entraSecret,
    ENTRA_GRAPH_SCOPES: GRAPH_SCOPES.join(','),
    ENTRA_ALLOW_INSECURE_LOOPBACK: 'true',
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    ENTRA_CA_FILE: caFile,
    LOG_LEVEL: 'silent',
  })
  const authServices = await createServices({ config: authConfig, store, logger })
  closers.push(() => authServices.close())
  const auth = await buildAuthApp({ services: authServices, logger })
  const internal = await buildInternalApp({ services: authServices, logger })
  await auth.listen({ host: '127.0.0.1', port: 0 })
  await internal.listen({ host: '127.0.0.1', port: 0 })
  closers.push(
    () => auth.close(),
    () => internal.close(),
  )
  const authUrl = `http://127.0.0.1:${auth.server.address().port}`

  const toolsConfig = loadConfig(toolsSchema, {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: `${authUrl}/jwks.json`,
    AUTH_INTERNAL_URL: `http://127.0.0.1:${internal.server.address().port}`,
    INTERNAL_API_SECRET: secret,
    GRAPH_BASE_URL: emulator.graphBaseUrl,
    GRAPH_CA_FILE: caFile,
    CURSOR_KEYS: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
  })
  const toolsServices = await createToolsServices({ config: toolsConfig, store, logger })
  const tools = await buildToolsApp({ services: toolsServices, logger })
  await tools.app.listen({ host: '127.0.0.1', port: 0 })
  closers.push(async () => {
    await tools.drain()
    await tools.app.close()
    await toolsServices.close()
  })
  const toolsUrl = `http://127.0.0.1:${tools.app.server.address().port}`

  const redis = await getTestRedis()
  const prefix = uniquePrefix('bench-gateway')
  const redisClient = createTestRedisClient(redis.url)
  const gatewayStore = createRedisStore({ redis: redisClient })
  closers.push(async () => {
    await cleanupPrefix(redisClient, prefix)
    await gatewayStore.close()
    redisClient.disconnect()
  })
  const gatewayConfig = loadConfig(gatewaySchema, {
    PUBLIC_URL: publicUrl,
    AUTH_UPSTREAM: authUrl,
    AUTH_JWKS_URL: `${authUrl}/jwks.json`,
    TOOLS_UPSTREAMS: toolsUrl,
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_CLIENT_PER_MINUTE: '10000000',
    LOG_LEVEL: 'silent',
  })
  const gatewayServices = createGatewayServices({ config: gatewayConfig, logger, store: gatewayStore })
  await gatewayServices.start()
  const gateway = await buildGatewayApp({ services: gatewayServices, logger })
  await gateway.app.listen({ host: '127.0.0.1', port })
  closers.push(async () => {
    await gateway.drain(0)
    await gateway.app.close()
    await gatewayServices.close()
  })

  const clientId = await registerPublicClient(publicUrl, 'bench client')
  const username = emulator.seed.demoUsers.find((u) => u.tenantId === CONTOSO.id)?.userPrincipalName ?? ''
  const user = await signIn({
    publicUrl,
    clientId,
    username,
    password: DEMO_PASSWORD,
    resource: `${publicUrl}/mcp`,
  })
  return { gatewayUrl: `http://127.0.0.1:${port}`, toolsUrl, token: user.accessToken }
}

function caller(base, token) {
  let id = 0
  return async () => {
    const res = await fetch(`${base}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: ++id,
        method: 'tools/call',
        params: { name: 'add', arguments: { a: 1, b: 2 } },
      }),
    })
    const text = await res.text()
    if (res.status !== 200 || !text.includes('"result"'))
      throw new Error(`add answered ${res.status}: ${text.slice(0, 200)}`)
  }
}

async function throughput(call) {
  let done = 0
  const deadline = performance.now() + ROUND_MS
  const worker = async () => {
    while (performance.now() < deadline) {
      await call()
      done++
    }
  }
  const start = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  return (done * 1000) / (performance.now() - start)
}

/** Open loop: a request every 1/rate s whatever the previous ones are doing; latencies in ms. */
async function fixedRate(call, rate, ms, into) {
  const interval = 1000 / rate
  const pending = []
  const start = performance.now()
  for (let i = 0; i * interval < ms; i++) {
    const due = start + i * interval
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const sent = performance.now()
    pending.push(call().then(() => into.push(performance.now() - sent)))
  }
  await Promise.all(pending)
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
const round2 = (n) => Number(n.toFixed(2))

export async function benchGateway() {
  const closers = []
  try {
    const { gatewayUrl, toolsUrl, token } = await startPlatform(closers)
    const viaGateway = caller(gatewayUrl, token)
    const direct = caller(toolsUrl, token)
    await throughput(viaGateway)
    await throughput(direct) // warm-up
    const ratios = []
    let gw = 0
    let dt = 0
    for (let r = 0; r < ROUNDS; r++) {
      const a = await throughput(viaGateway)
      const b = await throughput(direct)
      gw += a
      dt += b
      ratios.push(a / b)
    }
    ratios.sort((x, y) => x - y)

    const rate = Math.max(5, Math.min(MAX_RATE_PER_SEC, Math.round((0.3 * gw) / ROUNDS)))
    const gwLatency = []
    const directLatency = []
    for (let s = 0; s < LATENCY_SLICES; s++) {
      await fixedRate(viaGateway, rate, LATENCY_SLICE_MS, gwLatency)
      await fixedRate(direct, rate, LATENCY_SLICE_MS, directLatency)
    }
    gwLatency.sort((x, y) => x - y)
    directLatency.sort((x, y) => x - y)
    const p = (list, q) => round2(percentile(list, q))
    return {
      concurrency: CONCURRENCY,
      gatewayCallsPerSec: Math.round(gw / ROUNDS),
      directCallsPerSec: Math.round(dt / ROUNDS),
      throughputRatio: Number(ratios[Math.floor(ROUNDS / 2)].toFixed(3)),
      ratePerSec: rate,
      samplesPerPath: gwLatency.length,
      latencyMs: {
        gateway: { p50: p(gwLatency, 50), p99: p(gwLatency, 99) },
        direct: { p50: p(directLatency, 50), p99: p(directLatency, 99) },
        addedP50: round2(percentile(gwLatency, 50) - percentile(directLatency, 50)),
        addedP99: round2(percentile(gwLatency, 99) - percentile(directLatency, 99)),
      },
    }
  } finally {
    for (const close of closers.reverse()) await close()
  }
}
