// /healthz and /readyz on the public listener (the port Kubernetes probes).
import { createRedisStore } from '@m365mcp/store'
import { createTestRedisClient, getTestRedis } from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'
import { buildApp } from '../../src/app.js'
import { startAuth } from '../support/auth-harness.js'

t.test(
  'probes: /readyz answers 200 with each check named while Redis and the signing keys load',
  async (t) => {
    const h = await startAuth((fn) => t.teardown(fn))
    const live = await fetch(`${h.publicUrl}/healthz`)
    t.equal(live.status, 200)
    t.equal(live.headers.get('cache-control'), 'no-store')
    t.same(await live.json(), { status: 'ok' })

    const ready = await fetch(`${h.publicUrl}/readyz`)
    t.equal(ready.status, 200)
    t.equal(ready.headers.get('cache-control'), 'no-store')
    t.same(await ready.json(), { status: 'ready', checks: { store: 'ok', signingKeys: 'ok' } })

    // The same services with a store whose connection is gone (Redis down), and a shutting-down app.
    const client = createTestRedisClient((await getTestRedis()).url)
    const gone = createRedisStore({ redis: client, prefix: h.prefix })
    await gone.close()
    client.disconnect()
    const logger = pino({ level: 'silent' })
    const down = await buildApp({ services: { ...h.services, store: gone }, logger, readinessTimeoutMs: 500 })
    t.teardown(() => down.close())
    const started = Date.now()
    const notReady = await down.inject({ method: 'GET', url: '/readyz' })
    t.ok(Date.now() - started < 1_500, 'answered within the check timeout')
    t.equal(notReady.statusCode, 503)
    t.equal(notReady.headers['cache-control'], 'no-store')
    t.same(notReady.json(), { status: 'not_ready', checks: { store: 'failed', signingKeys: 'ok' } })
    t.equal((await down.inject({ method: 'GET', url: '/healthz' })).statusCode, 200, 'still alive')

    const stopping = await buildApp({ services: h.services, logger, isStopping: () => true })
    t.teardown(() => stopping.close())
    const shutdown = await stopping.inject({ method: 'GET', url: '/readyz' })
    t.equal(shutdown.statusCode, 503, 'not ready once shutdown began')
    t.same(shutdown.json(), { status: 'not_ready', checks: { shutdown: 'in_progress' } })
  },
)
