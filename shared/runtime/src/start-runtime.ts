// The process plumbing every service's server.ts shares (STYLE §1: server.ts runs): tracing (the
// OpenTelemetry SDK is loaded only when it is on), the service's metrics registry, the store with
// its Redis errors logged and counted, the audit log, the metrics listener, and the tail of the
// shutdown sequence. Each server.ts keeps what is its own: its apps, listeners and services, and the
// shutdown steps for them.
import { startAudit, type Audit, type AuditConfig, type AuditService } from '@m365mcp/audit'
import { createShutdown, type Shutdown, type ShutdownStep } from '@m365mcp/lifecycle'
import type { Logger } from '@m365mcp/logger'
import {
  counter,
  createMetricsRegistry,
  createRedisErrorCounter,
  startMetricsServer,
  type Registry,
} from '@m365mcp/metrics'
import { createMemoryStore, createRedisStore, type Store } from '@m365mcp/store'
import type { Tracing } from '@m365mcp/tracing'

export interface RuntimeConfig {
  REDIS_URL?: string | undefined
  REDIS_PREFIX: string
  TRACING_ENABLED: boolean
  OTEL_SERVICE_NAME: string
  OTEL_EXPORTER_OTLP_ENDPOINT: string
  OTEL_TRACES_SAMPLER_ARG: number
  METRICS_ENABLED: boolean
  METRICS_HOST: string
  METRICS_PORT: number
  SHUTDOWN_TIMEOUT: number
}

export interface StartRuntimeOptions<C extends RuntimeConfig> {
  service: string
  config: C
  logger: Logger
  /** Logged at warn without REDIS_URL: what the in-memory store means for this service. */
  inMemoryStoreWarning: string
  /** Services that record audit events (docs/audit.md) name themselves; their config has AUDIT_*. */
  audit?: C extends AuditConfig ? AuditService : never
}

export interface ServiceRuntime {
  readonly store: Store
  readonly metricsRegistry: Registry
  /** Undefined unless TRACING_ENABLED. */
  readonly tracing: Tracing | undefined
  readonly shutdown: Shutdown
  /** Undefined for a service that records no audit events. */
  readonly audit: Audit | undefined
  /** Once the service's own listeners are up: the metrics listener and the audit worker, if on. */
  started(): Promise<void>
  /**
   * On SIGTERM/SIGINT runs `listeners` (the service's: stop accepting, drain, close), then closes the
   * metrics listener, runs `background` (the service's timers and upstream clients), flushes the
   * audit log, exports the last spans, and closes the store last.
   */
  trap(listeners: readonly ShutdownStep[], background: ShutdownStep): void
  /** The same tail without a signal (tests, or a host that stops the service itself). */
  close(): Promise<void>
}

export async function startRuntime<C extends RuntimeConfig>(
  options: StartRuntimeOptions<C>,
): Promise<ServiceRuntime> {
  const { config, logger, service } = options
  const tracing = config.TRACING_ENABLED
    ? (await import('@m365mcp/tracing')).startTracing({
        serviceName: config.OTEL_SERVICE_NAME,
        endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
        logger,
      })
    : undefined
  const metricsRegistry = createMetricsRegistry()
  const redisErrors = createRedisErrorCounter(metricsRegistry, service)
  const store = config.REDIS_URL
    ? createRedisStore({
        redis: config.REDIS_URL,
        onError: (err, source) => {
          logger.error({ err, source }, 'redis error')
          redisErrors(source)
        },
      })
    : createMemoryStore()
  if (!config.REDIS_URL) logger.warn(options.inMemoryStoreWarning)

  let audit: Audit | undefined
  if (options.audit !== undefined) {
    const dropped = counter(metricsRegistry, {
      name: 'm365mcp_audit_events_dropped_total',
      help: 'Audit events not enqueued (kept only in the service log), by reason.',
      labelNames: ['reason'] as const,
    })
    audit = startAudit({
      config: config as unknown as AuditConfig,
      service: options.audit,
      redisUrl: config.REDIS_URL,
      redisPrefix: config.REDIS_PREFIX,
      logger,
      onDropped: (reason) => dropped.inc({ reason }),
    })
  }

  const shutdown = createShutdown({ logger, timeoutMs: config.SHUTDOWN_TIMEOUT })
  let metrics: { close(): Promise<void> } | undefined
  const closeMetrics: ShutdownStep = { name: 'close the metrics listener', run: () => metrics?.close() }
  const tail: ShutdownStep[] = [
    ...(audit
      ? [{ name: 'flush the audit log, let an audit worker finish its jobs', run: () => audit.close() }]
      : []),
    { name: 'export the last spans', run: () => tracing?.shutdown() },
    { name: 'close the store', run: () => store.close() },
  ]
  return {
    store,
    metricsRegistry,
    tracing,
    shutdown,
    audit,
    async started() {
      if (config.METRICS_ENABLED) {
        const server = await startMetricsServer({
          host: config.METRICS_HOST,
          port: config.METRICS_PORT,
          registry: metricsRegistry,
          logger,
        })
        metrics = server
        logger.info({ url: server.url }, 'metrics listener ready')
      }
      audit?.startWorker()
    },
    trap(listeners, background) {
      shutdown.trap([...listeners, closeMetrics, background, ...tail])
    },
    async close() {
      for (const step of [closeMetrics, ...tail]) await step.run()
    },
  }
}
