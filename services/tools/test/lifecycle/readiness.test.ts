// /healthz and /readyz: the store and the auth service's internal listener, each bounded by a
// timeout (a Redis that accepts connections and never answers must not hang the probe).
import { randomBytes } from 'node:crypto'
import { createServer as createHttpServer } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { loadConfig } from '@m365mcp/config'
import { createRedisStore } from '@m365mcp/store'
import { cleanupPrefix, createTestRedisClient, freePort, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import Fastify from 'fastify'
import pino from 'pino'
import t from 'tap'
import { buildApp, configSchema, createToolsServices } from '../../src/index.js'
import { healthRoutes } from '../../src/routes/health-routes.js'

type Teardown = (fn: () => Promise<void> | void) => void

/** A stand-in for the auth internal listener's /healthz. */
async function startAuthHealth(teardown: Teardown): Promise<string> {
  const server = createHttpServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' })
    res.end('{"status":"ok"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Accepts TCP connections and never answers: a hung Redis. */
async function startSilentServer(teardown: Teardown): Promise<string> {
  const sockets = new Set<Socket>()
  const server = createTcpServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  )
  return `redis://127.0.0.1:${(server.address() as AddressInfo).port}`
}

t.test('probes: /readyz answers 200 naming each check while Redis and the auth service answer', async (t) => {
  const logger = pino({ level: 'silent' })
  const redis = await getTestRedis()
  const prefix = uniquePrefix('tools-ready')
  const client = createTestRedisClient(redis.url)
  const store = createRedisStore({ redis: client, prefix })
  t.teardown(async () => {
    await cleanupPrefix(client, prefix)
    await store.close()
    client.disconnect()
  })
  const config = loadConfig(configSchema, {
    AUTH_INTERNAL_URL: await startAuthHealth((fn) => t.teardown(fn)),
    INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
    CURSOR_KEYS: randomBytes(32).toString('base64url'),
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  })
  const services = await createToolsServices({ config, store, logger })
  let stopping = false
  const { app, drain } = await buildApp({ services, logger, isStopping: () => stopping })
  t.teardown(async () => {
    await drain(0)
    await app.close()
    await services.close()
  })

  const live = await app.inject({ method: 'GET', url: '/healthz' })
  t.equal(live.statusCode, 200)
  t.equal(live.headers['cache-control'], 'no-store')
  const ready = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(ready.statusCode, 200)
  t.equal(ready.headers['cache-control'], 'no-store')
  t.same(ready.json(), { status: 'ready', checks: { store: 'ok', authInternal: 'ok' } })

  stopping = true
  const draining = await app.inject({ method: 'GET', url: '/readyz' })
  t.equal(draining.statusCode, 503, 'not ready once shutdown began')
  t.same(draining.json(), { status: 'not_ready', checks: { shutdown: 'in_progress' } })
})

t.test(
  'probes: a hung Redis and an unreachable auth service answer 503 within the check timeout, naming both',
  async (t) => {
    const hung = createRedisStore({
      redis: await startSilentServer((fn) => t.teardown(fn)),
      onError: () => {},
    })
    t.teardown(() => hung.close())
    const app = Fastify()
    healthRoutes(app, {
      store: hung,
      authInternalUrl: `http://127.0.0.1:${await freePort()}`,
      checkTimeoutMs: 300,
    })
    t.teardown(() => app.close())
    const started = Date.now()
    const res = await app.inject({ method: 'GET', url: '/readyz' })
    const elapsed = Date.now() - started
    t.ok(elapsed < 1_000, `answered in ${elapsed} ms`)
    t.equal(res.statusCode, 503)
    t.equal(res.headers['cache-control'], 'no-store')
    t.same(res.json(), { status: 'not_ready', checks: { store: 'timeout', authInternal: 'failed' } })
    t.notMatch(res.body, /127\.0\.0\.1|redis:/, 'no addresses in the body')
    t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'still alive')
  },
)
