// The gateway's own metrics, next to the HTTP ones (@m365mcp/metrics): refusals by rate limit,
// upstream failures, open proxied SSE streams and healthy tools replicas. Labels are bounded enums:
// never a user, a client or an upstream URL.
import { counter, gauge, type Registry } from '@m365mcp/metrics'
import type { ServerResponse } from 'node:http'
import type { ProxyFailure } from '../proxy/failure-reply.js'
import type { RateLimitScope } from '../keys.js'

/** Which upstream failed: the auth service, or the tools pool. */
export type Upstream = 'auth' | 'tools'

/**
 * How it failed: a replica refused or reset the connection (`connect_error`, retried on another),
 * no healthy replica was left (`no_healthy_replica`), or the failures the client sees
 * (`unavailable`, `bad_gateway`, `timeout`).
 */
export type UpstreamErrorKind = Exclude<ProxyFailure, 'too_large'> | 'connect_error' | 'no_healthy_replica'

export interface GatewayMetrics {
  readonly registry: Registry
  rateLimited(scope: RateLimitScope): void
  upstreamError(upstream: Upstream, kind: UpstreamErrorKind): void
  /** Counts the response as an open SSE stream until it closes. */
  sseStreamOpened(res: ServerResponse): void
}

export interface CreateGatewayMetricsOptions {
  registry: Registry
  /** Read at each scrape. */
  healthyReplicas: () => number
}

export function createGatewayMetrics({
  registry,
  healthyReplicas,
}: CreateGatewayMetricsOptions): GatewayMetrics {
  const rateLimited = counter(registry, {
    name: 'm365mcp_rate_limited_total',
    help: 'MCP requests refused with 429 by a rate limit, by scope (user, client).',
    labelNames: ['scope'] as const,
  })
  const upstreamErrors = counter(registry, {
    name: 'm365mcp_upstream_errors_total',
    help: 'Proxied requests that failed at an upstream, by upstream (auth, tools) and kind.',
    labelNames: ['upstream', 'kind'] as const,
  })
  const streams = gauge(registry, {
    name: 'm365mcp_sse_streams_open',
    help: 'SSE streams (GET /sse, GET /mcp) this gateway replica is proxying now.',
  })
  gauge(registry, {
    name: 'm365mcp_tools_replicas_healthy',
    help: 'Tools replicas this gateway replica considers healthy (0: every MCP request fails with 503).',
    collect() {
      this.set(healthyReplicas())
    },
  })
  return {
    registry,
    rateLimited: (scope) => rateLimited.inc({ scope }),
    upstreamError: (upstream, kind) => upstreamErrors.inc({ upstream, kind }),
    sseStreamOpened(res) {
      streams.inc()
      res.once('close', () => streams.dec())
    },
  }
}
