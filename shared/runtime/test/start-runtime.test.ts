import { freePort } from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'
import { startRuntime, type RuntimeConfig } from '../src/index.js'

const base = (port: number): RuntimeConfig => ({
  REDIS_PREFIX: 'm365mcp:',
  TRACING_ENABLED: false,
  OTEL_SERVICE_NAME: 'm365mcp-test',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
  OTEL_TRACES_SAMPLER_ARG: 1,
  METRICS_ENABLED: true,
  METRICS_HOST: '127.0.0.1',
  METRICS_PORT: port,
  SHUTDOWN_TIMEOUT: 5_000,
})

t.test('runtime: no REDIS_URL is the in-memory store, named in a warning; tracing stays off', async (t) => {
  const lines: { level: number; msg: string }[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) })
  const runtime = await startRuntime({
    service: 'test',
    config: base(await freePort()),
    logger,
    inMemoryStoreWarning: 'in memory here',
  })
  t.teardown(() => runtime.close())
  await runtime.store.set('k', 'v')
  t.equal(await runtime.store.get('k'), 'v', 'a working store')
  t.ok(lines.some((l) => l.level === 40 && l.msg === 'in memory here'))
  t.equal(runtime.tracing, undefined, 'no tracing unless TRACING_ENABLED')
  t.equal(runtime.audit, undefined, 'no audit log unless the service records events')
})

t.test(
  'runtime: started() opens the metrics listener, with the audit drop counter for auditing services',
  async (t) => {
    const port = await freePort()
    const config = {
      ...base(port),
      AUDIT_ENABLED: true,
      AUDIT_SINK: 'stdout' as const,
      AUDIT_STREAM_RETENTION: 86_400_000,
      AUDIT_WORKER_ENABLED: false,
    }
    const runtime = await startRuntime({
      service: 'test',
      config,
      logger: pino({ level: 'silent' }),
      inMemoryStoreWarning: 'in memory',
      audit: 'tools',
    })
    t.ok(runtime.audit, 'an audit log')
    t.teardown(() => runtime.close())
    await t.rejects(fetch(`http://127.0.0.1:${port}/metrics`), 'nothing listens before started()')
    await runtime.started()
    const scrape = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
    t.match(scrape, /m365mcp_audit_events_dropped_total/)
    t.match(scrape, /m365mcp_process_/, 'process metrics on the service registry')
  },
)
