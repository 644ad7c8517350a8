// Request count and duration of a Fastify listener, labelled by the route *pattern*
// (`request.routeOptions.url`, e.g. `/token`), never the raw URL: query strings, ids in paths and
// scanners' random paths would make the label set unbounded. Requests no route matched (404s) are
// `unmatched`. The sample is taken when the response closes, so replies the handler hijacked (the
// gateway's proxied streams) are counted too, with the status actually sent.
import type { FastifyPluginCallback } from 'fastify'
import fp from 'fastify-plugin'
import type { Registry } from 'prom-client'
import { counter, DURATION_BUCKETS, histogram } from './metric.js'

export const UNMATCHED_ROUTE = 'unmatched'

export interface HttpMetricsOptions {
  registry: Registry
  /** The `service` label: gateway, auth, tools. */
  service: string
}

const LABELS = ['service', 'method', 'route', 'status'] as const

const plugin: FastifyPluginCallback<HttpMetricsOptions> = (app, { registry, service }, done) => {
  const requests = counter(registry, {
    name: 'm365mcp_http_requests_total',
    help: 'HTTP requests answered, by service, method, route pattern and status.',
    labelNames: LABELS,
  })
  const duration = histogram(registry, {
    name: 'm365mcp_http_request_duration_seconds',
    help: 'Time from the request to the end of its response (for a stream: its whole life), in seconds.',
    labelNames: LABELS,
    buckets: DURATION_BUCKETS,
  })
  app.addHook('onRequest', (request, reply, next) => {
    const started = process.hrtime.bigint()
    reply.raw.once('close', () => {
      const labels = {
        service,
        method: request.method,
        // Set by the router; undefined when no route matched (the not-found handler answers).
        route: request.routeOptions.url ?? UNMATCHED_ROUTE,
        status: String(reply.raw.statusCode),
      }
      requests.inc(labels)
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9)
    })
    next()
  })
  done()
}

/** Registers the hook app-wide (fastify-plugin): every route of the listener is measured. */
export const httpMetrics = fp(plugin, { fastify: '5.x', name: '@m365mcp/metrics/http' })
