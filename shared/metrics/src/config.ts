// The metrics-listener settings each service's config schema spreads in
// (`...metricsConfigShape(9465)`), a subpath export of its own (`@m365mcp/metrics/config`) so
// reading the configuration loads no prom-client code. Only the default port differs per service.
import { bool, port } from '@m365mcp/config'
import { z } from 'zod'

export function metricsConfigShape(defaultPort: number) {
  return {
    METRICS_ENABLED: bool()
      .default(true)
      .describe(
        'Serve Prometheus metrics at /metrics on a listener of their own (METRICS_HOST, METRICS_PORT).',
      ),
    METRICS_HOST: z
      .string()
      .min(1)
      .default('127.0.0.1')
      .describe(
        'Interface of the metrics listener (0.0.0.0 in a container); never routed by the gateway, keep it off the public network.',
      ),
    METRICS_PORT: port()
      .default(defaultPort)
      .describe('Port of the metrics listener (GET /metrics, Prometheus text format).'),
  }
}
