// The OpenTelemetry SDK reports its own trouble (an unreachable collector, a rejected export) through
// its `diag` API, silent unless a logger is set: route warnings and errors to the service's logger.
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api'
import type { Logger } from 'pino'

export function routeDiagnostics(logger: Logger): () => void {
  const log =
    (level: 'warn' | 'error'): DiagLogger['warn'] =>
    (message, ...args) =>
      logger[level]({ otel: args.length > 0 ? args.map(String) : undefined }, `tracing: ${message}`)
  const quiet = () => {}
  diag.setLogger(
    { error: log('error'), warn: log('warn'), info: quiet, debug: quiet, verbose: quiet },
    { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
  )
  return () => diag.disable()
}
