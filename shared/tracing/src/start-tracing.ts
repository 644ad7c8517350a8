// One tracer provider for the process: W3C trace context propagation, a parent-based ratio sampler,
// spans scrubbed (redact.ts) then batched to an OTLP/HTTP collector (JSON, POST <endpoint>/v1/traces),
// and the undici instrumentation, which sees every request of global fetch and of the undici package
// through diagnostics_channel (no ESM loader hook): it starts a CLIENT span and sends `traceparent`.
// Only requests made inside a traced request get a span (requireParentforSpans): health checks,
// key refreshes and other background calls stay untraced rather than start a trace each.
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-node'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import type { FastifyPluginCallback } from 'fastify'
import type { Logger } from 'pino'
import { routeDiagnostics } from './diag-logger.js'
import { createScrubSpanProcessor } from './scrub-span-processor.js'
import { serverSpans, type ServerSpansOptions } from './server-spans.js'

export interface StartTracingOptions {
  /** The `service.name` resource attribute (`m365mcp-gateway`…). */
  serviceName: string
  /** Base URL of the OTLP/HTTP receiver (`http://otel-collector:4318`); spans go to `<endpoint>/v1/traces`. */
  endpoint: string
  /** Share of new traces recorded, 0 to 1 (default 1); a request with a sampled parent follows it. */
  sampleRatio?: number
  logger: Logger
}

export interface Tracing {
  /** The Fastify plugin starting a SERVER span per request; register it first in buildApp. */
  serverSpans: FastifyPluginCallback<ServerSpansOptions>
  /** Stops the instrumentation, exports the spans still buffered, shuts the provider down. */
  shutdown(): Promise<void>
}

export function startTracing({
  serviceName,
  endpoint,
  sampleRatio = 1,
  logger,
}: StartTracingOptions): Tracing {
  const stopDiagnostics = routeDiagnostics(logger)
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` })
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(sampleRatio) }),
    spanProcessors: [createScrubSpanProcessor(), new BatchSpanProcessor(exporter)],
  })
  // Trace context only: W3C baggage would carry whatever a caller put in it to every service.
  provider.register({ propagator: new W3CTraceContextPropagator() })
  const stopInstrumentation = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new UndiciInstrumentation({ requireParentforSpans: true })],
  })
  logger.info({ endpoint, serviceName, sampleRatio }, 'tracing on: spans exported over OTLP/HTTP')

  let stopped: Promise<void> | undefined
  return {
    serverSpans,
    shutdown: () =>
      (stopped ??= (async () => {
        stopInstrumentation()
        try {
          await provider.shutdown()
        } catch (err) {
          logger.warn({ err }, 'tracing: the last spans could not be exported')
        } finally {
          stopDiagnostics()
        }
      })()),
  }
}
