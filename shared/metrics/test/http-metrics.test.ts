import Fastify from 'fastify'
import t from 'tap'
import { createMetricsRegistry, httpMetrics, parseExposition, sampleValue } from '../src/index.js'

async function appWithMetrics() {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  const app = Fastify()
  await app.register(httpMetrics, { registry, service: 'auth' })
  app.get('/clients/:id', () => ({ ok: true }))
  app.get('/hijacked', (_request, reply) => {
    reply.hijack()
    reply.raw.writeHead(202).end()
  })
  await app.ready()
  return { app, registry }
}

t.test('http metrics: the route label is the route pattern, never the raw URL', async (t) => {
  const { app, registry } = await appWithMetrics()
  t.teardown(() => app.close())
  await app.inject('/clients/secret-client-id?state=abc')
  await app.inject('/clients/other')
  const text = await registry.metrics()
  const samples = parseExposition(text)
  const labels = { service: 'auth', method: 'GET', route: '/clients/:id', status: '200' }
  t.equal(sampleValue(samples, 'm365mcp_http_requests_total', labels), 2)
  t.equal(sampleValue(samples, 'm365mcp_http_request_duration_seconds_count', labels), 2)
  t.notMatch(text, /secret-client-id|state=abc|\/clients\/other/)
})

t.test('http metrics: a request no route matched is counted as unmatched (404)', async (t) => {
  const { app, registry } = await appWithMetrics()
  t.teardown(() => app.close())
  await app.inject('/wp-admin/../etc/passwd')
  const samples = parseExposition(await registry.metrics())
  t.equal(
    sampleValue(samples, 'm365mcp_http_requests_total', { route: 'unmatched', status: '404', method: 'GET' }),
    1,
  )
  t.notMatch(await registry.metrics(), /wp-admin/)
})

t.test('http metrics: a hijacked reply is counted with the status it sent', async (t) => {
  const { app, registry } = await appWithMetrics()
  t.teardown(() => app.close())
  await app.inject('/hijacked')
  const samples = parseExposition(await registry.metrics())
  t.equal(sampleValue(samples, 'm365mcp_http_requests_total', { route: '/hijacked', status: '202' }), 1)
})
