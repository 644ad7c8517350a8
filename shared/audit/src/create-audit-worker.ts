// The consumer side: a BullMQ worker writing each audit job to the sink. Delivery is at least once:
// a job is acknowledged only after the sink resolved, and a job whose worker died while holding it
// is moved back to the queue by BullMQ's stalled-job check (after lockDurationMs) and written again,
// which the Redis stream sink turns into a no-op by its seen-id key. Any number of workers may
// consume the same queue (in other processes too); each job goes to one of them at a time.
import { Worker } from 'bullmq'
import type { RedisOptions } from 'ioredis'
import type { Logger } from 'pino'
import { parseAuditEvent } from './audit-event.js'
import type { AuditSink } from './audit-sink.js'

export interface AuditWorker {
  /** Stops taking jobs and waits for those in flight (force: abandons them to the stalled check). */
  close(force?: boolean): Promise<void>
}

export interface CreateAuditWorkerOptions {
  connection: RedisOptions
  queueName: string
  /** BullMQ key prefix, the producers' one. */
  prefix?: string
  sink: AuditSink
  logger: Logger
  /** Jobs written in parallel (default 4). */
  concurrency?: number
  /** How long a job stays owned by a silent worker before another takes it (default 30 s). */
  lockDurationMs?: number
  /** How often stalled jobs are looked for (default 30 s). */
  stalledIntervalMs?: number
}

export function createAuditWorker(options: CreateAuditWorkerOptions): AuditWorker {
  const { logger, sink } = options
  const worker = new Worker(
    options.queueName,
    // Validated again: the queue is shared, and a malformed job must fail (kept for inspection),
    // not reach the sink.
    async (job) => sink.write(parseAuditEvent(job.data)),
    {
      connection: options.connection,
      ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
      concurrency: options.concurrency ?? 4,
      // An idle worker blocks on Redis for at most drainDelay seconds, and close() waits out that
      // block: at BullMQ's default (5 s) every shutdown of an idle auth replica took 5 s. One
      // blocking call a second is nothing for Redis.
      drainDelay: 1,
      ...(options.lockDurationMs === undefined ? {} : { lockDuration: options.lockDurationMs }),
      ...(options.stalledIntervalMs === undefined ? {} : { stalledInterval: options.stalledIntervalMs }),
    },
  )
  worker.on('error', (err) => logger.warn({ err }, 'audit worker: Redis error'))
  worker.on('failed', (job, err) =>
    logger.error(
      { err, jobId: job?.id, attempts: job?.attemptsMade },
      'audit worker: writing an event failed',
    ),
  )
  logger.info({ queue: options.queueName, sink: sink.name }, 'audit worker started')
  return {
    close: (force = false) => worker.close(force),
  }
}
