export {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  AUDIT_SERVICES,
  auditEventSchema,
  parseAuditEvent,
  type AuditEvent,
  type AuditEventInput,
  type AuditKind,
  type AuditOutcome,
  type AuditService,
} from './audit-event.js'
export type { AuditSink } from './audit-sink.js'
export { stdoutSink } from './stdout-sink.js'
export { redisStreamSink, type RedisStreamSinkOptions } from './redis-stream-sink.js'
export { AUDIT_QUEUE, connectionFromUrl } from './audit-queue.js'
export { auditKeys, type AuditKeys } from './audit-keys.js'
export { createAuditLog, noAuditLog, type AuditLog, type CreateAuditLogOptions } from './create-audit-log.js'
export { createAuditWorker, type AuditWorker, type CreateAuditWorkerOptions } from './create-audit-worker.js'
export { auditConfigShape, AUDIT_SINKS, type AuditConfig, type AuditSinkKind } from './audit-config.js'
export { startAudit, type Audit, type StartAuditOptions } from './start-audit.js'
