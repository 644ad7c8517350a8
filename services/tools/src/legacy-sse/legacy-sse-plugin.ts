// The legacy HTTP+SSE transport (MCP 2024-11-05), across replicas: GET /sse holds a stream on one
// replica, POST /messages may land on any. Registers both routes in an encapsulated scope and
// subscribes this replica's relay channel; close() is for graceful shutdown (every open stream is
// ended with a retry hint so clients reconnect elsewhere, its session unregistered, the channel
// unsubscribed).
import type { FastifyInstance } from 'fastify'
import { createLegacySseKeys } from './keys.js'
import type { LegacySseDeps } from './legacy-sse-deps.js'
import { registerMessagesRoute } from './messages-route.js'
import { createOpenSessions } from './open-sessions.js'
import { subscribeRelay } from './relay-subscription.js'
import { createSessionRegistry } from './session-registry.js'
import { registerSseRoute } from './sse-route.js'

export interface LegacySseHandle {
  /**
   * Ends every open stream (with `retry: <ms>`, default 1 s), unregisters its session and stops
   * receiving relays. New streams are refused (503) from the call on. Idempotent.
   */
  close(retryMs?: number): Promise<void>
}

const DEFAULT_KEEP_ALIVE_MS = 15_000
const DEFAULT_SESSION_TTL_MS = 60_000
const DEFAULT_RECONNECT_MS = 1_000

/** Call before app.ready()/listen(). */
export async function registerLegacySse(app: FastifyInstance, deps: LegacySseDeps): Promise<LegacySseHandle> {
  const keys = createLegacySseKeys(deps.keyPrefix)
  const sessionTtlMs = deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS
  const keepAliveMs = deps.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS
  const registry = createSessionRegistry({ store: deps.store, keys, ttlMs: sessionTtlMs })
  const sessions = createOpenSessions(deps.countOpenSession)
  const logger = deps.logger.child({ component: 'legacy-sse', replicaId: deps.replicaId })
  let closing: Promise<void> | null = null

  const unsubscribe = await subscribeRelay({
    store: deps.store,
    channel: keys.replicaChannel(deps.replicaId),
    sessions,
    logger,
  })

  await app.register((scope, _options, done) => {
    registerSseRoute(scope, {
      deps,
      registry,
      sessions,
      keepAliveMs,
      sessionTtlMs,
      isClosing: () => closing !== null,
    })
    registerMessagesRoute(scope, {
      store: deps.store,
      keys,
      replicaId: deps.replicaId,
      callers: deps.callers,
      registry,
      sessions,
      maxBodyBytes: deps.maxBodyBytes,
    })
    done()
  })

  return {
    close(retryMs = DEFAULT_RECONNECT_MS) {
      closing ??= (async () => {
        const open = sessions.all()
        await Promise.all(
          open.map(async (session) => {
            await session.transport.closeWithRetry(retryMs).catch(() => {})
            await session.closed
          }),
        )
        await unsubscribe().catch((err: unknown) => logger.warn({ err }, 'relay unsubscribe failed'))
        logger.info({ streams: open.length }, 'legacy SSE transport closed')
      })()
      return closing
    },
  }
}
