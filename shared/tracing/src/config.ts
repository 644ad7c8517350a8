// The tracing settings every service's config schema spreads in (`...tracingConfigShape('m365mcp-auth')`),
// a subpath export of its own (`@m365mcp/tracing/config`) so reading the configuration loads no
// OpenTelemetry code. Key names follow the OTel SDK environment variables operators already know.
import { bool, url, withConfigType } from '@m365mcp/config'
import { z } from 'zod'

const RATIO = /^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/

export function tracingConfigShape(defaultServiceName: string) {
  return {
    TRACING_ENABLED: bool()
      .default(false)
      .describe(
        'Export OpenTelemetry traces (OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT); off by default, and then no tracing code is loaded. See docs/tracing.md.',
      ),
    OTEL_EXPORTER_OTLP_ENDPOINT: url()
      .default('http://localhost:4318')
      .describe(
        'Base URL of the OTLP/HTTP receiver (an OpenTelemetry Collector, Jaeger, Tempo); spans are POSTed to <endpoint>/v1/traces as JSON.',
      ),
    OTEL_SERVICE_NAME: z
      .string()
      .min(1)
      .max(200)
      .default(defaultServiceName)
      .describe('The `service.name` of the exported spans.'),
    OTEL_TRACES_SAMPLER_ARG: withConfigType(
      z
        .string()
        .regex(RATIO, 'must be a number between 0 and 1')
        .default('1')
        .transform((raw) => Number(raw)),
      'ratio 0..1',
    ).describe(
      'Share of new traces recorded (parent-based ratio sampler): 1 records all, 0.1 one in ten; a request whose caller sampled it follows the caller.',
    ),
  }
}
