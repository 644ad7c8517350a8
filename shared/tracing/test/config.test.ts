import { ConfigError, loadConfig } from '@m365mcp/config'
import t from 'tap'
import { z } from 'zod'
import { tracingConfigShape } from '../src/config.js'

const schema = z.object(tracingConfigShape('m365mcp-test'))

t.test('tracing config: off by default, the OTel SDK defaults otherwise', async (t) => {
  t.same(loadConfig(schema, {}), {
    TRACING_ENABLED: false,
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318',
    OTEL_SERVICE_NAME: 'm365mcp-test',
    OTEL_TRACES_SAMPLER_ARG: 1,
  })
})

t.test('tracing config: the sample ratio is a number from 0 to 1', async (t) => {
  for (const [raw, value] of [
    ['0', 0],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1', 1],
    ['1.0', 1],
  ] as const)
    t.equal(loadConfig(schema, { OTEL_TRACES_SAMPLER_ARG: raw }).OTEL_TRACES_SAMPLER_ARG, value, raw)
  for (const raw of ['1.5', '-0.1', 'half'])
    t.throws(() => loadConfig(schema, { OTEL_TRACES_SAMPLER_ARG: raw }), ConfigError, raw)
  t.throws(() => loadConfig(schema, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }), ConfigError)
})
