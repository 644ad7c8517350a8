import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { withTestRedis } from '@m365mcp/testing'
import { Queue } from 'bullmq'
import t from 'tap'
import {
  AUDIT_QUEUE,
  connectionFromUrl,
  createAuditLog,
  createAuditWorker,
  redisStreamSink,
} from '../src/index.js'
import { captureLogger } from './support/capture-logger.js'

const EVENTS = 2_000
const workerScript = fileURLToPath(new URL('./support/audit-worker-process.ts', import.meta.url))

t.test('audit: no event is lost when the worker is killed mid-stream and restarted (issue 7)', async (t) => {
  const { url, prefix, redis } = await withTestRedis(t)
  const { logger } = captureLogger()
  const key = `${prefix}audit:events`
  const connection = connectionFromUrl(url)
  const bull = `${prefix}bull`

  const ids: string[] = []
  const log = createAuditLog({
    connection,
    queueName: AUDIT_QUEUE,
    prefix: bull,
    service: 'tools',
    logger,
    maxPending: EVENTS,
  })
  for (let i = 0; i < EVENTS; i++) {
    const id = randomUUID()
    ids.push(id)
    log.record({
      id,
      kind: 'tool_call',
      subject: `usr_${i % 7}`,
      tool: 'listMail',
      outcome: 'ok',
      durationMs: i,
    })
  }
  await log.close()

  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    env: { ...process.env, REDIS_URL: url, PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  let written = 0
  for (let i = 0; i < 600 && written < 300; i++) {
    await sleep(25)
    written = await redis.xlen(key)
  }
  child.kill('SIGKILL')
  await once(child, 'exit')
  const atKill = await redis.xlen(key)
  t.ok(atKill >= 300 && atKill < EVENTS, `killed mid-stream (${atKill} of ${EVENTS} written)`)

  const queue = new Queue(AUDIT_QUEUE, { connection, prefix: bull })
  t.teardown(() => queue.close())
  // Jobs the killed worker held: BullMQ's stalled check must hand them to the next worker.
  const heldAtKill = await queue.getActiveCount()

  const sink = redisStreamSink({ redis, key, seenPrefix: `${prefix}audit:seen:`, maxAgeMs: 86_400_000 })
  const worker = createAuditWorker({
    connection,
    queueName: AUDIT_QUEUE,
    prefix: bull,
    sink,
    logger,
    concurrency: 8,
    lockDurationMs: 2_000,
    stalledIntervalMs: 1_000,
  })
  t.teardown(() => worker.close())
  // Drained: nothing waiting, active or delayed, and jobs the killed worker held were taken back.
  for (let i = 0; i < 300; i++) {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'paused', 'prioritized')
    const left = Object.values(counts).reduce((a, b) => a + b, 0)
    if (left === 0) break
    await sleep(100)
  }

  const entries = await redis.xrange(key, '-', '+')
  const seen = new Map<string, number>()
  for (const [, fields] of entries) {
    const id = fields[fields.indexOf('id') + 1] ?? ''
    seen.set(id, (seen.get(id) ?? 0) + 1)
  }
  const missing = ids.filter((id) => !seen.has(id))
  const duplicates = [...seen.values()].reduce((sum, n) => sum + (n - 1), 0)
  t.comment(
    `written before the kill: ${atKill}; held by the killed worker: ${heldAtKill}; entries: ${entries.length}; duplicates: ${duplicates}`,
  )
  t.same(missing, [], 'every event id is in the stream')
  t.equal(duplicates, 0, 'the seen-id keys kept retried jobs from being written twice')
  t.equal(await queue.getFailedCount(), 0, 'no job failed')
})
