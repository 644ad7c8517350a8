// A worker in a process of its own, so a test can SIGKILL it mid-stream. Environment: REDIS_URL,
// PREFIX (the test's key prefix). Prints `ready` once the worker is created.
import { Redis } from 'ioredis'
import { pino } from 'pino'
import { AUDIT_QUEUE, connectionFromUrl, createAuditWorker, redisStreamSink } from '../../src/index.js'

const url = process.env['REDIS_URL'] ?? ''
const prefix = process.env['PREFIX'] ?? ''
const redis = new Redis(url)
createAuditWorker({
  connection: connectionFromUrl(url),
  queueName: AUDIT_QUEUE,
  prefix: `${prefix}bull`,
  sink: redisStreamSink({
    redis,
    key: `${prefix}audit:events`,
    seenPrefix: `${prefix}audit:seen:`,
    maxAgeMs: 86_400_000,
  }),
  logger: pino({ level: 'warn' }),
  concurrency: 4,
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
})
process.stdout.write('ready\n')
