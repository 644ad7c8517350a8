// The producer side: `record` validates an event and hands it to BullMQ without making the request
// wait or fail. With Redis the event is a job (jobId = event id, so a repeated enqueue of the same
// event is one job) consumed by an audit worker; without Redis (one process, in-memory store) it
// goes straight to the sink. An event that cannot be enqueued is written into the service log at
// error level, whole (it holds no secret), so an outage of Redis loses no audit record outright.
import { randomUUID } from 'node:crypto'
import { Queue } from 'bullmq'
import type { RedisOptions } from 'ioredis'
import type { Logger } from 'pino'
import { z } from 'zod'
import { auditEventSchema, type AuditEvent, type AuditEventInput, type AuditService } from './audit-event.js'
import type { AuditSink } from './audit-sink.js'

export interface AuditLog {
  /** Never throws and never waits: the event is validated now and written in the background. */
  record(event: AuditEventInput): void
  /** Waits for the events recorded so far to be enqueued (or written), then closes the queue. */
  close(): Promise<void>
}

export interface CreateAuditLogOptions {
  /** BullMQ's connection; null: no Redis, events go straight to `sink`. */
  connection: RedisOptions | null
  queueName: string
  /** BullMQ key prefix, e.g. `m365mcp:bull`. */
  prefix?: string
  service: AuditService
  logger: Logger
  /** Where events go when there is no Redis (required then); with Redis the worker writes them. */
  sink?: AuditSink
  now?: () => number
  /** Events waiting for Redis beyond this many go to the service log instead (default 1000). */
  maxPending?: number
  /** An enqueue not done after this long goes to the service log instead (default 5 s). */
  enqueueTimeoutMs?: number
  /** Counts events that reached neither the queue nor the sink (e.g. a metric). */
  onDropped?: (reason: 'invalid' | 'enqueue_failed' | 'overloaded') => void
}

// Failed jobs stay a week for inspection; completed ones are removed (the sink holds the record).
const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: { age: 7 * 86_400 },
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
} as const

export function createAuditLog(options: CreateAuditLogOptions): AuditLog {
  const { logger, sink } = options
  if (options.connection === null && sink === undefined)
    throw new TypeError('createAuditLog: without a Redis connection a sink is required')
  const now = options.now ?? Date.now
  const maxPending = options.maxPending ?? 1_000
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? 5_000
  const pending = new Set<Promise<void>>()
  const dropped = options.onDropped ?? (() => undefined)

  // Fail fast while Redis is away instead of queueing commands for minutes in ioredis.
  const queue =
    options.connection === null
      ? null
      : new Queue<AuditEvent>(options.queueName, {
          connection: { ...options.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
          defaultJobOptions: JOB_OPTIONS,
        })
  queue?.on('error', (err) => logger.warn({ err }, 'audit queue: Redis error'))
  if (queue === null)
    logger.info({ sink: sink?.name }, 'audit: no Redis, events are written straight to the sink')
  else logger.info({ queue: options.queueName }, 'audit: events are enqueued for the audit worker')

  const keepInLog = (event: AuditEvent, err: unknown, reason: 'enqueue_failed' | 'overloaded') => {
    dropped(reason)
    logger.error({ err, auditEvent: event }, 'audit event not enqueued; this log line is its record')
  }

  const deliver = async (event: AuditEvent): Promise<void> => {
    let timer: NodeJS.Timeout | undefined
    try {
      const write = queue === null ? sink?.write(event) : queue.add(event.kind, event, { jobId: event.id })
      // BullMQ waits for a first connection without limit; a request path must not pile up on it.
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not done within ${enqueueTimeoutMs} ms`)),
          enqueueTimeoutMs,
        )
      })
      await Promise.race([write, timeout])
    } catch (err) {
      keepInLog(event, err, 'enqueue_failed')
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    record(input) {
      let event: AuditEvent
      try {
        event = auditEventSchema.parse({
          ...input,
          id: input.id ?? randomUUID(),
          at: new Date(now()).toISOString(),
          service: options.service,
        })
      } catch (err) {
        dropped('invalid')
        // Only the issue paths and codes: the rejected values are what must not be logged.
        const issues =
          err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.code}`) : []
        logger.error(
          { issues, kind: input.kind },
          'audit event refused by its schema (a bug of the producer)',
        )
        return
      }
      if (pending.size >= maxPending) {
        keepInLog(event, undefined, 'overloaded')
        return
      }
      const task = deliver(event).finally(() => pending.delete(task))
      pending.add(task)
    },
    async close() {
      await Promise.allSettled([...pending])
      // QUIT needs a writable connection; one that is between reconnects (Redis restarting, or
      // never connected because nothing was recorded) is simply dropped: nothing is left to send.
      await queue?.close().catch(() => queue.disconnect())
    },
  }
}

/** An audit log that records nothing (AUDIT_ENABLED=false, and unit tests of producers). */
export const noAuditLog: AuditLog = {
  record: () => undefined,
  close: () => Promise.resolve(),
}
