// Probes: `/healthz` (liveness; also the gateway's active check of this replica) and `/readyz`
// (readiness): the store answers (the legacy SSE registry and relay live there), and the auth
// service's internal listener answers its /healthz (every tool call exchanges the caller's token
// there). Not ready from shutdown on.
import { createReadiness, probeRoutes } from '@m365mcp/lifecycle'
import type { Store } from '@m365mcp/store'
import type { FastifyInstance } from 'fastify'

export interface HealthRoutesDeps {
  store: Store
  /** AUTH_INTERNAL_URL. */
  authInternalUrl: string
  isStopping?: () => boolean
  /** Longest wait for each check (tests shorten it). */
  checkTimeoutMs?: number
  fetch?: typeof fetch
}

export function healthRoutes(app: FastifyInstance, deps: HealthRoutesDeps): void {
  const doFetch = deps.fetch ?? fetch
  const authHealth = new URL('/healthz', deps.authInternalUrl).href
  const readiness = createReadiness({
    checks: {
      store: () => deps.store.ping(),
      authInternal: async () => {
        // The readiness timeout answers the probe; this one frees the socket of a hung request.
        const response = await doFetch(authHealth, { signal: AbortSignal.timeout(5_000) })
        await response.body?.cancel()
        return response.ok
      },
    },
    ...(deps.isStopping ? { isStopping: deps.isStopping } : {}),
    ...(deps.checkTimeoutMs === undefined ? {} : { timeoutMs: deps.checkTimeoutMs }),
  })
  probeRoutes(app, readiness)
}
