// Probes on the public listener (the port Kubernetes probes): `/healthz` (liveness) and `/readyz`
// (readiness): the store answers, and the signing key set can be loaded from it and decrypted (a
// replica with a wrong TOKEN_ENCRYPTION_KEYS could not sign a token). Not ready from shutdown on.
import { createReadiness, probeRoutes } from '@m365mcp/lifecycle'
import type { Store } from '@m365mcp/store'
import type { FastifyInstance } from 'fastify'
import type { SigningKeys } from '../tokens/signing-keys.js'

export interface HealthRoutesDeps {
  store: Store
  signingKeys: SigningKeys
  isStopping?: () => boolean
  /** Longest wait for each check (tests shorten it). */
  checkTimeoutMs?: number
}

export function healthRoutes(app: FastifyInstance, deps: HealthRoutesDeps): void {
  const readiness = createReadiness({
    checks: {
      store: () => deps.store.ping(),
      signingKeys: async () => {
        await deps.signingKeys.refresh()
        deps.signingKeys.signingKey()
      },
    },
    ...(deps.isStopping ? { isStopping: deps.isStopping } : {}),
    ...(deps.checkTimeoutMs === undefined ? {} : { timeoutMs: deps.checkTimeoutMs }),
  })
  probeRoutes(app, readiness)
}
