import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { withTestRedis } from '@m365mcp/testing'
import t from 'tap'
import {
  AUDIT_QUEUE,
  connectionFromUrl,
  createAuditLog,
  createAuditWorker,
  parseAuditEvent,
  redisStreamSink,
  type AuditEvent,
} from '../src/index.js'
import { captureLogger } from './support/capture-logger.js'

const event = (overrides: Partial<AuditEvent> = {}): AuditEvent =>
  parseAuditEvent({
    id: randomUUID(),
    at: new Date().toISOString(),
    service: 'auth',
    kind: 'grant_refreshed',
    subject: 'usr_1',
    clientId: 'cli_1',
    grantId: 'grt_1',
    outcome: 'ok',
    ...overrides,
  })

t.test('audit: a recorded event is enqueued and written by the worker to the Redis stream', async (t) => {
  const { url, prefix, redis } = await withTestRedis(t)
  const { logger } = captureLogger()
  const key = `${prefix}audit:events`
  const connection = connectionFromUrl(url)
  const log = createAuditLog({
    connection,
    queueName: AUDIT_QUEUE,
    prefix: `${prefix}bull`,
    service: 'tools',
    logger,
  })
  const sink = redisStreamSink({ redis, key, seenPrefix: `${prefix}audit:seen:`, maxAgeMs: 86_400_000 })
  const worker = createAuditWorker({
    connection,
    queueName: AUDIT_QUEUE,
    prefix: `${prefix}bull`,
    sink,
    logger,
  })
  t.teardown(() => worker.close())

  // `arguments` is not part of the schema (a caller bypassing the types): it must never be written.
  const input = {
    kind: 'tool_call' as const,
    subject: 'usr_9',
    clientId: 'cli_9',
    grantId: 'grt_9',
    tool: 'listMail',
    outcome: 'ok' as const,
    durationMs: 31,
    graphRequestIds: ['req-1', 'req-2'],
    arguments: { query: 'secret text' },
  }
  log.record(input)
  await log.close()

  let entries: [string, string[]][] = []
  for (let i = 0; i < 100 && entries.length === 0; i++) {
    entries = await redis.xrange(key, '-', '+')
    if (entries.length === 0) await sleep(50)
  }
  t.equal(entries.length, 1)
  const fields = entries[0]?.[1] ?? []
  const written = JSON.parse(fields[fields.indexOf('event') + 1] ?? '{}') as Record<string, unknown>
  t.match(written, {
    service: 'tools',
    kind: 'tool_call',
    subject: 'usr_9',
    tool: 'listMail',
    outcome: 'ok',
    durationMs: 31,
    graphRequestIds: ['req-1', 'req-2'],
  })
  t.notOk('arguments' in written)
  t.equal(fields[fields.indexOf('kind') + 1], 'tool_call')
  t.equal(fields[fields.indexOf('id') + 1], written['id'])
  t.ok(await redis.exists(`${prefix}audit:seen:${String(written['id'])}`), 'the id is remembered')
})

t.test('audit: the stream sink writes an event id once, however often it is delivered', async (t) => {
  const { prefix, redis } = await withTestRedis(t)
  const key = `${prefix}audit:events`
  const sink = redisStreamSink({ redis, key, seenPrefix: `${prefix}audit:seen:`, maxAgeMs: 86_400_000 })
  const once = event()
  await sink.write(once)
  await sink.write(once)
  await sink.write(event())
  t.equal(await redis.xlen(key), 2)
  const ttl = await redis.pttl(`${prefix}audit:seen:${once.id}`)
  t.ok(ttl > 0 && ttl <= 86_400_000, 'the seen marker expires')
})

t.test('audit: the stream keeps at most maxLen entries and none older than maxAgeMs', async (t) => {
  const { prefix, redis } = await withTestRedis(t)
  const byLength = `${prefix}audit:by-length`
  const capped = redisStreamSink({
    redis,
    key: byLength,
    seenPrefix: `${prefix}s1:`,
    maxAgeMs: 86_400_000,
    maxLen: 10,
  })
  for (let i = 0; i < 25; i++) await capped.write(event())
  t.equal(await redis.xlen(byLength), 10)

  const byAge = `${prefix}audit:by-age`
  const aged = redisStreamSink({ redis, key: byAge, seenPrefix: `${prefix}s2:`, maxAgeMs: 1_000 })
  for (let i = 0; i < 5; i++) await aged.write(event())
  t.equal(await redis.xlen(byAge), 5)
  await sleep(1_100)
  const last = event()
  await aged.write(last)
  const left = await redis.xrange(byAge, '-', '+')
  t.equal(left.length, 1, 'entries past the retention age were trimmed')
  t.equal(left[0]?.[1][1], last.id)
})
