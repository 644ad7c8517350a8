import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import { loadConfig } from '@m365mcp/config'
import { createMetricsRegistry, parseExposition, sampleValue, startMetricsServer } from '@m365mcp/metrics'
import { createMemoryStore } from '@m365mcp/store'
import pino from 'pino'
import t from 'tap'
import { buildApp, configSchema, createGatewayServices } from '../../src/index.js'
import { createGatewayMetrics } from '../../src/metrics/gateway-metrics.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'
const DEAD = 'http://127.0.0.1:1'

t.test(
  'metrics: refusals and upstream failures are counted by scope and kind, never by user or client',
  async (t) => {
    const minter = await startTokenMinter((fn) => t.teardown(fn), PUBLIC_URL)
    const config = loadConfig(configSchema, {
      PUBLIC_URL,
      AUTH_JWKS_URL: minter.jwksUrl,
      AUTH_UPSTREAM: DEAD,
      TOOLS_UPSTREAMS: DEAD,
      RATE_LIMIT_USER_PER_MINUTE: '1',
    })
    const logger = pino({ level: 'silent' })
    const store = createMemoryStore()
    const services = createGatewayServices({ config, logger, store })
    await services.start()
    const { app } = await buildApp({ services, logger })
    const metrics = await startMetricsServer({
      host: '127.0.0.1',
      port: 0,
      registry: services.metrics.registry,
      logger,
    })
    t.teardown(async () => {
      await metrics.close()
      await app.close()
      await services.close()
      await store.close()
    })

    const subject = 'usr_metrics_subject_7f3a'
    const token = await minter.mint({ resource: `${PUBLIC_URL}/mcp`, scope: 'mcp', subject })
    const mcp = () =>
      app.inject({
        method: 'POST',
        url: '/mcp',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: { jsonrpc: '2.0', id: 1, method: 'ping' },
      })
    t.equal((await mcp()).statusCode, 503, 'no healthy tools replica')
    t.equal((await mcp()).statusCode, 429, "the user's limit")
    t.equal((await app.inject('/.well-known/oauth-authorization-server')).statusCode, 503, 'auth unreachable')
    t.equal((await app.inject(`/users/${subject}`)).statusCode, 404)

    const text = await (await fetch(metrics.url)).text()
    const samples = parseExposition(text)
    t.equal(sampleValue(samples, 'm365mcp_tools_replicas_healthy'), 0)
    t.equal(sampleValue(samples, 'm365mcp_rate_limited_total', { scope: 'user' }), 1)
    t.equal(
      sampleValue(samples, 'm365mcp_upstream_errors_total', {
        upstream: 'tools',
        kind: 'no_healthy_replica',
      }),
      1,
    )
    t.equal(
      sampleValue(samples, 'm365mcp_upstream_errors_total', { upstream: 'auth', kind: 'unavailable' }),
      1,
    )
    t.equal(sampleValue(samples, 'm365mcp_sse_streams_open'), 0)
    const http = (route: string, status: string) =>
      sampleValue(samples, 'm365mcp_http_requests_total', { service: 'gateway', route, status })
    t.equal(http('/mcp', '503'), 1)
    t.equal(http('/mcp', '429'), 1)
    t.equal(http('/.well-known/oauth-authorization-server', '503'), 1)
    t.equal(http('unmatched', '404'), 1)
    for (const secret of [token, subject, 'client-test'])
      t.notOk(text.includes(secret), 'no token, user or client in the scrape')
  },
)

t.test('metrics: an SSE stream is counted open until its response closes', async (t) => {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  let healthy = 2
  const metrics = createGatewayMetrics({ registry, healthyReplicas: () => healthy })
  const open = async () => sampleValue(parseExposition(await registry.metrics()), 'm365mcp_sse_streams_open')
  const first = new EventEmitter()
  const second = new EventEmitter()
  metrics.sseStreamOpened(first as ServerResponse)
  metrics.sseStreamOpened(second as ServerResponse)
  t.equal(await open(), 2)
  first.emit('close')
  first.emit('close')
  t.equal(await open(), 1, 'one close, one decrement')
  second.emit('close')
  t.equal(await open(), 0)
  healthy = 1
  t.equal(
    sampleValue(parseExposition(await registry.metrics()), 'm365mcp_tools_replicas_healthy'),
    1,
    'read at scrape',
  )
})
