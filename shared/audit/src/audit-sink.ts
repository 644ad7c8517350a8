import type { AuditEvent } from './audit-event.js'

/**
 * Where audit events end up. `write` resolves once the event is durable as far as the sink can
 * tell; it may be called again with the same event (at-least-once delivery), so sinks that can
 * should make a repeat harmless.
 */
export interface AuditSink {
  readonly name: string
  write(event: AuditEvent): Promise<void>
}
