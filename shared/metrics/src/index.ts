export {
  createMetricsRegistry,
  METRIC_PREFIX,
  type CreateMetricsRegistryOptions,
} from './metrics-registry.js'
export { counter, gauge, histogram, DURATION_BUCKETS } from './metric.js'
export { httpMetrics, UNMATCHED_ROUTE, type HttpMetricsOptions } from './http-metrics.js'
export { createRedisErrorCounter, type RedisErrorSource } from './redis-errors.js'
export {
  startMetricsServer,
  METRICS_PATH,
  type MetricsServer,
  type StartMetricsServerOptions,
} from './metrics-server.js'
export type { Counter, Gauge, Histogram, Registry } from 'prom-client'
export { parseExposition, sampleValue, type Sample } from './parse-exposition.js'
