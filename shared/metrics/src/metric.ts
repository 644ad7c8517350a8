// Get-or-create for metrics on a registry: a metric shared by several services (the HTTP and Redis
// metrics, labelled by service) is registered once when those services share a registry, as in
// services/embedded, and a second create of the same name answers the first one.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client'

interface Spec<L extends string> {
  name: string
  help: string
  labelNames?: readonly L[]
}

function existing<T>(registry: Registry, name: string, kind: new (...args: never[]) => T): T | undefined {
  const found = registry.getSingleMetric(name)
  if (found === undefined) return undefined
  if (!(found instanceof kind)) throw new TypeError(`metric ${name} is registered with another type`)
  return found
}

export function counter<L extends string = string>(registry: Registry, spec: Spec<L>): Counter<L> {
  return (
    existing<Counter<L>>(registry, spec.name, Counter) ??
    new Counter<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] })
  )
}

export function gauge<L extends string = string>(
  registry: Registry,
  spec: Spec<L> & { collect?: (this: Gauge<L>) => void | Promise<void> },
): Gauge<L> {
  return (
    existing<Gauge<L>>(registry, spec.name, Gauge) ??
    new Gauge<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] })
  )
}

export function histogram<L extends string = string>(
  registry: Registry,
  spec: Spec<L> & { buckets?: number[] },
): Histogram<L> {
  return (
    existing<Histogram<L>>(registry, spec.name, Histogram) ??
    new Histogram<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [registry] })
  )
}

/** Seconds buckets for request and call durations: 5 ms to 2 minutes (a slow Graph call, a stream). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120]
