import { createMetricsRegistry, parseExposition, sampleValue } from '@m365mcp/metrics'
import t from 'tap'
import { createOpenSessions, type OpenSession } from '../../src/legacy-sse/open-sessions.js'
import { createToolsMetrics } from '../../src/metrics/tools-metrics.js'

function session(sessionId: string): OpenSession {
  return { transport: { sessionId } as OpenSession['transport'], sub: 'usr_x', closed: Promise.resolve() }
}

t.test('metrics: a legacy SSE session is counted open on this replica until it is removed', async (t) => {
  const registry = createMetricsRegistry({ defaultMetrics: false })
  const metrics = createToolsMetrics(registry)
  const sessions = createOpenSessions(() => metrics.sseSessionOpened())
  const open = async () => sampleValue(parseExposition(await registry.metrics()), 'm365mcp_sse_sessions_open')
  sessions.add(session('a'))
  sessions.add(session('b'))
  sessions.add(session('a'))
  t.equal(await open(), 2, 'a session added twice counts once')
  sessions.remove('a')
  sessions.remove('a')
  t.equal(await open(), 1, 'removed twice, counted down once')
  sessions.remove('unknown')
  sessions.remove('b')
  t.equal(await open(), 0)
})
