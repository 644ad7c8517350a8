// /healthz and /readyz: a healthy tools replica, the auth service's JWKS, and the rate-limit store
// when it is Redis, each bounded by a timeout.
import { loadConfig } from '@m365mcp/config'
import { createRedisStore } from '@m365mcp/store'
import { cleanupPrefix, createTestRedisClient, freePort, getTestRedis, uniquePrefix } from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'
import { buildApp, configSchema, createGatewayServices } from '../../src/index.js'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startTokenMinter } from '../support/token-minter.js'

t.test(
  'probes: /readyz names each check; a Redis that does not answer turns it 503 within the timeout',
  async (t) => {
    const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
    const redis = await getTestRedis()
    const prefix = uniquePrefix('gateway-ready')
    const client = createTestRedisClient(redis.url)
    const store = createRedisStore({ redis: client, prefix })
    t.teardown(async () => {
      await cleanupPrefix(client, prefix)
      await store.close()
      client.disconnect()
    })
    const tools = await startEchoUpstream(teardown, 'tools-a')
    const minter = await startTokenMinter(teardown, 'http://localhost:8788')
    const config = loadConfig(configSchema, {
      TOOLS_UPSTREAMS: tools.url,
      AUTH_JWKS_URL: minter.jwksUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    })
    const logger = pino({ level: 'silent' })
    const services = createGatewayServices({ config, logger, store })
    await services.start()
    t.teardown(() => services.close())
    const up = await buildApp({ services, logger, store })
    t.teardown(() => up.app.close())

    const live = await up.app.inject({ method: 'GET', url: '/healthz' })
    t.equal(live.statusCode, 200)
    t.equal(live.headers['cache-control'], 'no-store')
    const ready = await up.app.inject({ method: 'GET', url: '/readyz' })
    t.equal(ready.statusCode, 200)
    t.equal(ready.headers['cache-control'], 'no-store')
    t.same(ready.json(), {
      status: 'ready',
      checks: { tools: 'ok', auth: 'ok', store: 'ok' },
      toolsReplicasHealthy: 1,
      authReachable: true,
    })

    // A store pointed at a port nobody listens on: ioredis keeps reconnecting, the ping never answers.
    const nowhere = createRedisStore({ redis: `redis://127.0.0.1:${await freePort()}`, onError: () => {} })
    t.teardown(() => nowhere.close())
    const down = await buildApp({ services, logger, store: nowhere, readinessTimeoutMs: 300 })
    t.teardown(() => down.app.close())
    const started = Date.now()
    const notReady = await down.app.inject({ method: 'GET', url: '/readyz' })
    t.ok(Date.now() - started < 1_500, `answered in ${Date.now() - started} ms`)
    t.equal(notReady.statusCode, 503)
    t.match(notReady.json(), {
      status: 'not_ready',
      checks: { tools: 'ok', auth: 'ok', store: /^(timeout|failed)$/ },
    })
    t.notMatch(notReady.body, /127\.0\.0\.1|redis:/, 'no addresses in the body')

    const stopping = await buildApp({ services, logger, store, isStopping: () => true })
    t.teardown(() => stopping.app.close())
    const shutdown = await stopping.app.inject({ method: 'GET', url: '/readyz' })
    t.equal(shutdown.statusCode, 503, 'not ready once shutdown began')
    t.match(shutdown.json(), { status: 'not_ready', checks: { shutdown: 'in_progress' } })
  },
)
