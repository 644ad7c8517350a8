// Metrics in the embedded default are opt-in (METRICS_PORT): without it no port beyond the stack's
// own is opened; with it one loopback listener serves the three services' metrics from one
// registry, told apart by the `service` label.
import { loadConfig } from '@m365mcp/config'
import { parseExposition, sampleValue } from '@m365mcp/metrics'
import { freePort } from '@m365mcp/testing'
import pino from 'pino'
import t from 'tap'
import { configSchema } from '../src/config.js'
import { startEmbedded } from '../src/start-embedded.js'
import { freePorts } from './support/embedded-process.js'

const silent = () => pino({ level: 'silent' })

t.test('metrics: the embedded default serves metrics only when METRICS_PORT opts in', async (t) => {
  const ports = Object.fromEntries(Object.entries(await freePorts()).map(([k, v]) => [k, String(v)]))
  const off = loadConfig(configSchema, { ...ports })
  t.equal(off.METRICS_PORT, undefined, 'off by default')

  const env = { ...ports, METRICS_PORT: String(await freePort()) }
  const config = loadConfig(configSchema, env)
  const stack = await startEmbedded({ config, env, loggerFor: silent })
  t.teardown(() => stack.close())
  t.equal(stack.metricsUrl, `http://127.0.0.1:${env.METRICS_PORT}/metrics`)

  t.equal((await fetch(`${stack.publicUrl}/mcp`, { method: 'POST' })).status, 401)
  const text = await (await fetch(stack.metricsUrl ?? '')).text()
  const samples = parseExposition(text)
  t.equal(
    sampleValue(samples, 'm365mcp_http_requests_total', { service: 'gateway', route: '/mcp', status: '401' }),
    1,
  )
  t.equal(sampleValue(samples, 'm365mcp_tools_replicas_healthy'), 1, 'the gateway sees the tools listener')
  t.ok(
    samples.some((s) => s.name === 'm365mcp_process_cpu_user_seconds_total'),
    'process metrics',
  )
  t.match(text, /# TYPE m365mcp_tool_calls_total counter/, "the tools service's metrics")
  t.match(text, /# TYPE m365mcp_grants_created_total counter/, "the auth service's metrics")
})
