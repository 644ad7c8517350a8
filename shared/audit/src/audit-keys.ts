// Every Redis key of the audit log, from the deployment's REDIS_PREFIX (docs/storage-schema.md).
export interface AuditKeys {
  /** The stream of the redis-stream sink (AUDIT_STREAM_KEY overrides it). */
  readonly stream: string
  /** `<seenPrefix><event id>`: an event already appended to the stream. */
  readonly seenPrefix: string
  /** BullMQ's `prefix` option: its keys are `<bullPrefix>:<queue>:…`. */
  readonly bullPrefix: string
}

export function auditKeys(redisPrefix: string): AuditKeys {
  return {
    stream: `${redisPrefix}audit:events`,
    seenPrefix: `${redisPrefix}audit:seen:`,
    bullPrefix: `${redisPrefix}bull`,
  }
}
