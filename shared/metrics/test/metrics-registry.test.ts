import t from 'tap'
import {
  counter,
  createMetricsRegistry,
  createRedisErrorCounter,
  gauge,
  parseExposition,
  sampleValue,
} from '../src/index.js'

t.test('registry: two registries in one process do not collide', async (t) => {
  const gateway = createMetricsRegistry()
  const tools = createMetricsRegistry()
  counter(gateway, { name: 'm365mcp_example_total', help: 'x' }).inc()
  counter(tools, { name: 'm365mcp_example_total', help: 'x' }).inc(3)
  t.equal(sampleValue(parseExposition(await gateway.metrics()), 'm365mcp_example_total'), 1)
  t.equal(sampleValue(parseExposition(await tools.metrics()), 'm365mcp_example_total'), 3)
})

t.test('registry: process metrics carry the m365mcp_ prefix and can be left out', async (t) => {
  const withDefaults = parseExposition(await createMetricsRegistry().metrics())
  t.ok(withDefaults.some((s) => s.name === 'm365mcp_process_cpu_user_seconds_total'))
  t.ok(withDefaults.every((s) => s.name.startsWith('m365mcp_')))
  t.same(parseExposition(await createMetricsRegistry({ defaultMetrics: false }).metrics()), [])
})

t.test('registry: creating a metric twice on one registry answers the first (shared registry)', async (t) => {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  const first = createRedisErrorCounter(registry, 'auth')
  const second = createRedisErrorCounter(registry, 'tools')
  first('connection')
  second('connection')
  second('handler')
  const samples = parseExposition(await registry.metrics())
  t.equal(sampleValue(samples, 'm365mcp_redis_errors_total', { service: 'auth', source: 'connection' }), 1)
  t.equal(sampleValue(samples, 'm365mcp_redis_errors_total', { service: 'tools' }), 2)
  t.throws(() => gauge(registry, { name: 'm365mcp_redis_errors_total', help: 'x' }), TypeError)
})

t.test('parseExposition: a malformed line is refused', async (t) => {
  t.throws(() => parseExposition('m365mcp_x{a="1" 2\n'), SyntaxError)
  t.same(parseExposition('# HELP x y\nx{a="q\\"uote"} 1.5\n'), [
    { name: 'x', labels: { a: 'q"uote' }, value: 1.5 },
  ])
})
