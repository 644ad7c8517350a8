// Graph metrics seen by the SDK's middleware chain against the real emulator: every exchange by
// status class, each 429, each retry the policy decided to make (and none it refused).
import { createMetricsRegistry, parseExposition, sampleValue } from '@m365mcp/metrics'
import t, { type Test } from 'tap'
import { createGraphClientFactory } from '../../src/graph/graph-client.js'
import { createToolsMetrics } from '../../src/metrics/tools-metrics.js'
import { captureLogger } from '../graph/support/capture-logger.js'
import { startGraphHarness, type GraphHarness } from '../graph/support/graph-harness.js'

let harness: GraphHarness
let token: { accessToken: string; userId: string }

t.before(async () => {
  harness = await startGraphHarness((fn) => t.teardown(fn))
  token = await harness.graphToken()
})

async function measuredClient(t: Test, maxRetryDelaySeconds = 10) {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  const factory = createGraphClientFactory({
    baseUrl: harness.emulator.graphBaseUrl,
    caPem: harness.emulator.caPem,
    logger: captureLogger().logger,
    retry: { defaultDelaySeconds: 0, maxRetryDelaySeconds },
    metrics: createToolsMetrics(registry),
  })
  t.teardown(() => factory.close())
  const client = factory.forUser({ accessToken: () => Promise.resolve(token.accessToken) })
  return { client, scrape: async () => parseExposition(await registry.metrics()) }
}

t.test('metrics: Graph throttling counts each 429 and each retry made', async (t) => {
  const { client, scrape } = await measuredClient(t)
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 0.1, times: 2 })
  await client.get('/me')
  const samples = await scrape()
  t.equal(sampleValue(samples, 'm365mcp_graph_throttled_total'), 2)
  t.equal(sampleValue(samples, 'm365mcp_graph_retries_total'), 2)
  t.equal(sampleValue(samples, 'm365mcp_graph_requests_total', { status_class: '4xx' }), 2)
  t.equal(sampleValue(samples, 'm365mcp_graph_requests_total', { status_class: '2xx' }), 1)
})

t.test('metrics: a Retry-After above the cap is throttled but not counted as a retry', async (t) => {
  const { client, scrape } = await measuredClient(t, 10)
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 120, times: 1 })
  await t.rejects(client.get('/me'))
  const samples = await scrape()
  t.equal(sampleValue(samples, 'm365mcp_graph_throttled_total'), 1)
  t.equal(sampleValue(samples, 'm365mcp_graph_retries_total'), 0)
})
