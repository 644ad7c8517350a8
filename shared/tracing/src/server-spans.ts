// A SERVER span per request of a Fastify listener (OTel HTTP semantic conventions), without the
// http instrumentation and its ESM loader hook. The W3C trace context (traceparent) of the incoming
// request is the span's parent, or with `incomingContext: 'link'` (the gateway, where requests come
// from the internet) only a link: an untrusted caller must not choose our trace ids or force
// sampling. The span is the active context for the rest of the request (hooks, body parsing,
// handler), so the undici client spans of the calls the handler makes become its children; it ends
// when the response closes (streams included) with the status sent.
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Link,
} from '@opentelemetry/api'
import type { FastifyPluginCallback } from 'fastify'
import fp from 'fastify-plugin'
import { redactUrlForSpan } from './redact.js'

export interface ServerSpansOptions {
  /** `parent` (default): the caller's traceparent is the parent; `link`: only linked (public edge). */
  incomingContext?: 'parent' | 'link'
  /** Which listener this is (`gateway`, `auth`, `auth-internal`, `tools`): the `m365mcp.component` attribute. */
  component?: string
  /** Route patterns without spans; default the probes, polled every few seconds. */
  ignoreRoutes?: readonly string[]
}

export const PROBE_ROUTES: readonly string[] = ['/healthz', '/readyz']

const TRACER = '@m365mcp/tracing'

const plugin: FastifyPluginCallback<ServerSpansOptions> = (app, options, done) => {
  const tracer = trace.getTracer(TRACER)
  const ignored = new Set(options.ignoreRoutes ?? PROBE_ROUTES)
  const trustParent = (options.incomingContext ?? 'parent') === 'parent'

  app.addHook('onRequest', (request, reply, next) => {
    // Set by the router before onRequest; undefined when no route matched (404).
    const route = request.routeOptions.url
    if (route !== undefined && ignored.has(route)) return next()

    const incoming = propagation.extract(ROOT_CONTEXT, request.headers)
    const remote = trace.getSpanContext(incoming)
    const parent = trustParent ? incoming : ROOT_CONTEXT
    const links: Link[] = !trustParent && remote && isSpanContextValid(remote) ? [{ context: remote }] : []
    const attributes: Attributes = {
      'http.request.method': request.method,
      'url.path': redactUrlForSpan(request.url),
      'url.scheme': request.protocol,
      'network.protocol.version': request.raw.httpVersion,
    }
    if (route !== undefined) attributes['http.route'] = route
    if (options.component !== undefined) attributes['m365mcp.component'] = options.component
    // Span name: `{method} {route}`, or `{method}` alone when no route matched (semconv).
    const name = route === undefined ? request.method : `${request.method} ${route}`
    const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes, links }, parent)

    const res = reply.raw
    res.once('close', () => {
      if (res.headersSent) {
        span.setAttribute('http.response.status_code', res.statusCode)
        if (res.statusCode >= 500) {
          span.setAttribute('error.type', String(res.statusCode))
          span.setStatus({ code: SpanStatusCode.ERROR })
        }
      } else {
        // The client left before any answer (or the stream was cut).
        span.setAttribute('error.type', 'connection_closed')
      }
      span.end()
    })

    const active = trace.setSpan(parent, span)
    // The rest of the hooks and the handler run inside next(); body parsing continues in listeners
    // of the request stream, bound to the span's context too whatever emits their events (as the
    // OTel http instrumentation binds it).
    context.bind(active, request.raw)
    context.with(active, next)
  })
  done()
}

/** Registers the hook app-wide (fastify-plugin): register it first, so later hooks run in the span. */
export const serverSpans = fp(plugin, { fastify: '5.x', name: '@m365mcp/tracing/server-spans' })
