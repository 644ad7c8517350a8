// One prom-client registry per service, never the global one: services/embedded runs several
// services in one process, and each keeps its own metrics (or shares one on purpose) without a
// "metric already registered" clash.
import { collectDefaultMetrics, Registry } from 'prom-client'

/** Every metric name starts with it, the process metrics included (`m365mcp_process_cpu_seconds_total`). */
export const METRIC_PREFIX = 'm365mcp_'

export interface CreateMetricsRegistryOptions {
  /**
   * Process metrics (CPU, memory, event loop lag, GC, handles). On by default; off for registries
   * built many times in one process (tests), since each collection installs its own observers.
   */
  defaultMetrics?: boolean
}

export function createMetricsRegistry(options: CreateMetricsRegistryOptions = {}): Registry {
  const registry = new Registry()
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX })
  return registry
}
