// The AUDIT_* keys, shared by the services that record audit events or run the audit worker; each
// service spreads them into its own config schema (STYLE §2) with its own worker default.
import { bool, duration, enumOf, int } from '@m365mcp/config'
import { z } from 'zod'

export const AUDIT_SINKS = ['stdout', 'redis-stream'] as const
export type AuditSinkKind = (typeof AUDIT_SINKS)[number]

export function auditConfigShape({ workerByDefault }: { workerByDefault: boolean }) {
  return {
    AUDIT_ENABLED: bool()
      .default(true)
      .describe(
        'Record an audit event for every tool call and grant event (who, client, tool, outcome, duration, Graph request ids; never tokens, bodies or arguments). See docs/audit.md.',
      ),
    AUDIT_SINK: enumOf(AUDIT_SINKS)
      .default('stdout')
      .describe(
        'Where the audit worker writes events: `stdout` (one JSON line each, marked `"audit":true`) or `redis-stream` (AUDIT_STREAM_KEY, trimmed by AUDIT_STREAM_RETENTION).',
      ),
    AUDIT_STREAM_KEY: z
      .string()
      .min(1)
      .optional()
      .describe('Redis stream of the `redis-stream` sink. Unset: `<REDIS_PREFIX>audit:events`.'),
    AUDIT_STREAM_RETENTION: duration({ min: 60_000 })
      .default(30 * 86_400_000)
      .describe('Audit stream entries older than this are trimmed on every append.'),
    AUDIT_STREAM_MAX_LENGTH: int({ min: 1_000 })
      .optional()
      .describe('Also cap the audit stream at this many entries (oldest trimmed first). Unset: age only.'),
    AUDIT_WORKER_ENABLED: bool()
      .default(workerByDefault)
      .describe(
        'Run an audit worker in this process, writing queued events to AUDIT_SINK. One is enough; more (in any replica) share the queue. Needs REDIS_URL: without Redis events are written directly.',
      ),
  }
}

/** The parsed AUDIT_* keys. */
export type AuditConfig = z.output<z.ZodObject<ReturnType<typeof auditConfigShape>>>
