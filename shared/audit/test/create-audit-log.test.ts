import { freePort } from '@m365mcp/testing'
import t from 'tap'
import {
  AUDIT_QUEUE,
  connectionFromUrl,
  createAuditLog,
  type AuditEvent,
  type AuditSink,
} from '../src/index.js'
import { captureLogger } from './support/capture-logger.js'

t.test(
  'audit: record never throws and never waits when Redis is down; the log line keeps the event',
  async (t) => {
    const port = await freePort()
    const { logger, lines } = captureLogger()
    const dropped: string[] = []
    const log = createAuditLog({
      connection: connectionFromUrl(`redis://127.0.0.1:${port}`),
      queueName: AUDIT_QUEUE,
      prefix: 'test:nowhere:bull',
      service: 'tools',
      logger,
      enqueueTimeoutMs: 300,
      onDropped: (reason) => dropped.push(reason),
    })
    const started = performance.now()
    for (let i = 0; i < 3; i++)
      log.record({ kind: 'tool_call', subject: 'usr_1', tool: 'listMail', outcome: 'ok', durationMs: i })
    t.ok(performance.now() - started < 50, 'record returned at once')
    const closing = performance.now()
    await log.close()
    t.ok(performance.now() - closing < 5_000, 'close does not hang on a Redis that never answered')
    t.same(dropped, ['enqueue_failed', 'enqueue_failed', 'enqueue_failed'])
    const kept = lines.filter(
      (line) => line['msg'] === 'audit event not enqueued; this log line is its record',
    )
    t.equal(kept.length, 3)
    t.match(kept[0], { auditEvent: { kind: 'tool_call', tool: 'listMail', subject: 'usr_1' } })
  },
)

t.test('audit: an event its schema refuses is dropped and logged without its values', async (t) => {
  const { logger, lines } = captureLogger()
  const written: AuditEvent[] = []
  const sink: AuditSink = { name: 'memory', write: async (e) => void written.push(e) }
  const dropped: string[] = []
  const log = createAuditLog({
    connection: null,
    queueName: AUDIT_QUEUE,
    service: 'auth',
    logger,
    sink,
    onDropped: (reason) => dropped.push(reason),
  })
  t.doesNotThrow(() =>
    log.record({ kind: 'grant_created', subject: 'eyJhbGciOi.eyJzdWIi.sig', outcome: 'ok' }),
  )
  await log.close()
  t.same(written, [])
  t.same(dropped, ['invalid'])
  t.notMatch(JSON.stringify(lines), /eyJhbGciOi/, 'the refused value is not logged')
})

t.test('audit: without Redis, events go straight to the sink (embedded mode)', async (t) => {
  const { logger, lines } = captureLogger()
  const written: AuditEvent[] = []
  const log = createAuditLog({
    connection: null,
    queueName: AUDIT_QUEUE,
    service: 'auth',
    logger,
    sink: { name: 'memory', write: async (e) => void written.push(e) },
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
  })
  log.record({
    kind: 'grant_revoked',
    subject: 'usr_1',
    grantId: 'grt_1',
    outcome: 'ok',
    reason: 'client_revoked',
  })
  await log.close()
  t.equal(written.length, 1)
  t.match(written[0], {
    service: 'auth',
    kind: 'grant_revoked',
    at: '2026-01-02T03:04:05.000Z',
    reason: 'client_revoked',
  })
  t.match(written[0]?.id, /^[0-9a-f-]{36}$/)
  t.ok(lines.some((line) => line['msg'] === 'audit: no Redis, events are written straight to the sink'))
})
