// A link of the Graph SDK's middleware chain, just before the fetch: it sees every HTTP exchange
// with Graph (each retry attempt and redirect hop) and counts it by status class.
import type { Context, Middleware } from '@microsoft/microsoft-graph-client'
import type { GraphMetrics } from '../metrics/tools-metrics.js'

export function metricsMiddleware(metrics: Pick<GraphMetrics, 'graphResponse'>): Middleware {
  let next: Middleware | undefined
  return {
    async execute(context: Context) {
      if (!next) throw new Error('metrics middleware: no next middleware')
      try {
        await next.execute(context)
      } catch (error) {
        metrics.graphResponse(undefined)
        throw error
      }
      metrics.graphResponse(context.response?.status)
    },
    setNext(middleware: Middleware) {
      next = middleware
    },
  }
}
