// Builds a service's audit log (and, when asked, its worker) from its AUDIT_* config: the one call
// server.ts makes. The sink's Redis connection is opened only for the redis-stream sink.
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { AuditService } from './audit-event.js'
import type { AuditConfig } from './audit-config.js'
import { auditKeys } from './audit-keys.js'
import { AUDIT_QUEUE, connectionFromUrl } from './audit-queue.js'
import type { AuditSink } from './audit-sink.js'
import { createAuditLog, noAuditLog, type AuditLog, type CreateAuditLogOptions } from './create-audit-log.js'
import { createAuditWorker, type AuditWorker } from './create-audit-worker.js'
import { redisStreamSink } from './redis-stream-sink.js'
import { stdoutSink } from './stdout-sink.js'

export interface StartAuditOptions {
  config: AuditConfig
  service: AuditService
  /** REDIS_URL; undefined: the in-memory store, events go straight to the sink. */
  redisUrl: string | undefined
  redisPrefix: string
  logger: Logger
  /** Counts events that reached neither the queue nor the sink (a metric). */
  onDropped?: CreateAuditLogOptions['onDropped']
}

export interface Audit {
  readonly log: AuditLog
  /** Starts the worker when AUDIT_WORKER_ENABLED and Redis is there (after the listeners are up). */
  startWorker(): void
  /** Drains the log, lets the worker finish its jobs, closes the sink's connection. */
  close(): Promise<void>
}

export function startAudit(options: StartAuditOptions): Audit {
  const { config, logger, redisUrl, redisPrefix } = options
  const log = logger.child({ component: 'audit' })
  const keys = auditKeys(redisPrefix)
  if (!config.AUDIT_ENABLED) {
    log.info('audit disabled (AUDIT_ENABLED=false)')
    return { log: noAuditLog, startWorker: () => undefined, close: () => Promise.resolve() }
  }
  if (config.AUDIT_SINK === 'redis-stream' && redisUrl === undefined)
    throw new Error('AUDIT_SINK=redis-stream needs REDIS_URL')

  let sinkRedis: Redis | undefined
  const sink = (): AuditSink => {
    if (config.AUDIT_SINK === 'stdout') return stdoutSink()
    sinkRedis ??= new Redis(connectionFromUrl(redisUrl ?? '').url, { maxRetriesPerRequest: 3 })
    sinkRedis.on('error', (err) => log.warn({ err }, 'audit sink: Redis error'))
    return redisStreamSink({
      redis: sinkRedis,
      key: config.AUDIT_STREAM_KEY ?? keys.stream,
      seenPrefix: keys.seenPrefix,
      maxAgeMs: config.AUDIT_STREAM_RETENTION,
      ...(config.AUDIT_STREAM_MAX_LENGTH === undefined ? {} : { maxLen: config.AUDIT_STREAM_MAX_LENGTH }),
    })
  }

  const connection = redisUrl === undefined ? null : connectionFromUrl(redisUrl)
  const prefix = keys.bullPrefix
  // Without Redis the log writes to the sink itself; with it, only the worker does.
  const auditLog = createAuditLog({
    connection,
    queueName: AUDIT_QUEUE,
    prefix,
    service: options.service,
    logger: log,
    ...(connection === null ? { sink: sink() } : {}),
    ...(options.onDropped ? { onDropped: options.onDropped } : {}),
  })
  let worker: AuditWorker | undefined
  return {
    log: auditLog,
    startWorker() {
      if (!config.AUDIT_WORKER_ENABLED || connection === null || worker !== undefined) return
      worker = createAuditWorker({ connection, queueName: AUDIT_QUEUE, prefix, sink: sink(), logger: log })
    },
    async close() {
      await auditLog.close()
      await worker?.close()
      if (sinkRedis !== undefined) await sinkRedis.quit().catch(() => sinkRedis?.disconnect())
    },
  }
}
