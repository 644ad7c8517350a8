// GET /sse (MCP 2024-11-05 "HTTP with SSE"): authenticates the caller for the /sse resource,
// registers a new session → { owner: this replica, sub } before the client learns its endpoint,
// streams the session's server messages, keeps the stream and its registry entry alive, and
// unregisters the session when the stream ends (client gone, registry entry lost, or shutdown).
import type { FastifyInstance } from 'fastify'
import { acceptsEventStream } from './accepts-event-stream.js'
import { INTERNAL_ERROR, INVALID_REQUEST, jsonRpcError } from './json-rpc-error.js'
import type { LegacySseDeps } from './legacy-sse-deps.js'
import type { OpenSessions } from './open-sessions.js'
import { newSessionId } from './session-id.js'
import type { SessionRegistry } from './session-registry.js'
import { createSseSessionTransport } from './sse-session-transport.js'

export interface SseRouteContext {
  readonly deps: LegacySseDeps
  readonly registry: SessionRegistry
  readonly sessions: OpenSessions
  readonly keepAliveMs: number
  readonly sessionTtlMs: number
  /** True once shutdown began: new streams are refused so clients go to another replica. */
  isClosing(): boolean
}

export function registerSseRoute(app: FastifyInstance, ctx: SseRouteContext): void {
  const { deps, registry, sessions } = ctx

  app.get('/sse', async (request, reply) => {
    if (ctx.isClosing()) {
      return reply
        .code(503)
        .header('retry-after', '1')
        .send({ error: 'temporarily_unavailable', error_description: 'This replica is shutting down' })
    }
    const outcome = await deps.callers.resolve(request.headers.authorization, '/sse', request.log)
    if (!outcome.ok) return reply.code(outcome.status).headers(outcome.headers).send(outcome.body)
    if (!acceptsEventStream(request.headers.accept)) {
      return reply
        .code(406)
        .send(jsonRpcError(INVALID_REQUEST, 'Not Acceptable: Accept must allow text/event-stream'))
    }

    const sub = outcome.caller.principal.sub
    const sessionId = newSessionId()
    await registry.register(sessionId, { owner: deps.replicaId, sub })
    const log = request.log.child({ sseSession: sessionId.slice(0, 8) })

    reply.hijack()
    const transport = createSseSessionTransport({ res: reply.raw, sessionId, endpoint: '/messages' })
    const server = deps.newServer()
    let resolveClosed: () => void = () => {}
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve))
    const keepAlive = setInterval(() => transport.keepAlive(), ctx.keepAliveMs)
    const refresh = setInterval(
      () => {
        registry.refresh(sessionId).then(
          (alive) => {
            // Someone deleted the entry (a POST found the owner gone): end the stream so the client
            // reconnects and gets a session that POSTs can reach again.
            if (!alive) void transport.close()
          },
          (err: unknown) => log.warn({ err }, 'legacy SSE session refresh failed'),
        )
      },
      Math.max(1, Math.floor(ctx.sessionTtlMs / 3)),
    )
    keepAlive.unref()
    refresh.unref()

    let cleaning = false
    const cleanup = async () => {
      if (cleaning) return
      cleaning = true
      clearInterval(keepAlive)
      clearInterval(refresh)
      sessions.remove(sessionId)
      try {
        await registry.remove(sessionId)
      } catch (err) {
        log.warn({ err }, 'legacy SSE session could not be unregistered; it expires with its TTL')
      }
      await server.close().catch((err: unknown) => log.warn({ err }, 'MCP server close failed'))
      log.info('legacy SSE stream closed')
      resolveClosed()
    }
    server.onclose = () => void cleanup()
    server.onerror = (err) => log.warn({ err }, 'legacy SSE session error')

    sessions.add({ transport, sub, closed })
    try {
      await server.connect(transport)
    } catch (err) {
      log.error({ err }, 'legacy SSE session could not start')
      if (!reply.raw.headersSent) {
        reply.raw.writeHead(500, { 'content-type': 'application/json' })
        reply.raw.end(JSON.stringify(jsonRpcError(INTERNAL_ERROR, 'Internal error')))
      }
      await transport.close().catch(() => {})
      await cleanup()
      return reply
    }
    // The client may have left while the session was being set up: 'close' has then already fired.
    if (reply.raw.destroyed) await transport.close()
    else log.info('legacy SSE stream opened')
    return reply
  })
}
