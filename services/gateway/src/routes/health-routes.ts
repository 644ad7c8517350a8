// Probes: `/healthz` says the process serves requests (liveness); `/readyz` says it can do useful
// work (readiness: take this gateway out of the load balancer otherwise): a tools replica is
// healthy, the auth service answers its JWKS, and the rate-limit store answers when it is Redis.
// Not ready from shutdown on. Besides `checks`, the body keeps the replica count for operators.
import { createReadiness } from '@m365mcp/lifecycle'
import type { Store } from '@m365mcp/store'
import type { FastifyInstance } from 'fastify'
import type { GatewayServices } from '../services.js'

export interface HealthRoutesOptions {
  store?: Store | undefined
  isStopping?: (() => boolean) | undefined
  checkTimeoutMs?: number | undefined
}

export function healthRoutes(
  app: FastifyInstance,
  services: GatewayServices,
  options: HealthRoutesOptions = {},
): void {
  const { store } = options
  const readiness = createReadiness({
    checks: {
      tools: () => Promise.resolve(services.pool.healthyCount() > 0),
      auth: () => services.authReachable(),
      ...(store ? { store: () => store.ping() } : {}),
    },
    ...(options.isStopping ? { isStopping: options.isStopping } : {}),
    ...(options.checkTimeoutMs === undefined ? {} : { timeoutMs: options.checkTimeoutMs }),
  })

  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const report = await readiness()
    return reply
      .code(report.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        status: report.ready ? 'ready' : 'not_ready',
        checks: report.checks,
        toolsReplicasHealthy: services.pool.healthyCount(),
        authReachable: report.checks.auth === 'ok',
      })
  })
}
