import t from 'tap'
import { counter, createMetricsRegistry, startMetricsServer } from '../src/index.js'

const logger = { error: () => undefined }

t.test('metrics server: GET /metrics answers the registry in its content type', async (t) => {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  counter(registry, { name: 'm365mcp_scraped_total', help: 'x' }).inc()
  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, registry, logger })
  t.teardown(() => server.close())
  t.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
  const response = await fetch(server.url)
  t.equal(response.status, 200)
  t.equal(response.headers.get('content-type'), registry.contentType)
  t.match(await response.text(), /^m365mcp_scraped_total 1$/m)
})

t.test('metrics server: any other path is 404, another method 405', async (t) => {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, registry, logger })
  t.teardown(() => server.close())
  const origin = new URL(server.url).origin
  t.equal((await fetch(`${origin}/`)).status, 404)
  t.equal((await fetch(`${origin}/healthz`)).status, 404)
  t.equal((await fetch(`${origin}/metrics/x`)).status, 404)
  t.equal((await fetch(server.url, { method: 'POST' })).status, 405)
  t.equal((await fetch(`${server.url}?name[]=x`)).status, 200)
})

t.test('metrics server: close() returns while a scraper keeps its connection open', async (t) => {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  const server = await startMetricsServer({ host: '127.0.0.1', port: 0, registry, logger })
  await (await fetch(server.url)).text()
  await server.close()
  await t.rejects(fetch(server.url))
})
