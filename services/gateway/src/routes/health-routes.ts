// Probes: `/healthz` says the process serves requests (liveness); `/readyz` says it can do useful
// work, i.e. a tools replica is healthy and the auth service answers (readiness: take this gateway
// out of the load balancer otherwise).
import type { FastifyInstance } from 'fastify'
import type { GatewayServices } from '../services.js'

export function healthRoutes(app: FastifyInstance, services: GatewayServices): void {
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const tools = services.pool.healthyCount()
    const auth = await services.authReachable()
    const ready = tools > 0 && auth
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not_ready', toolsReplicasHealthy: tools, authReachable: auth })
  })
}
