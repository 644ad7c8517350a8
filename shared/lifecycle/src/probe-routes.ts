// The two probes every service serves on its main port, the paths the Helm chart points at:
// `/healthz` (liveness: the process answers; it checks nothing else, so a Redis outage never gets
// every replica restarted) and `/readyz` (readiness: 200 `{ status: 'ready', checks }` or 503
// `{ status: 'not_ready', checks }`). Neither may be cached.
import type { FastifyInstance } from 'fastify'
import type { ReadinessReport } from './readiness.js'

export function probeRoutes(app: FastifyInstance, readiness: () => Promise<ReadinessReport>): void {
  app.get('/healthz', (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))
  app.get('/readyz', async (_request, reply) => {
    const report = await readiness()
    return reply
      .code(report.ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks })
  })
}
