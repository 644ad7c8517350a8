// Errors of the Redis store that no caller waits for (connection drops, a subscription handler that
// threw, a failed lock release), counted by their bounded source. server.ts passes the reporter to
// createRedisStore's onError next to its log line.
import type { Registry } from 'prom-client'
import { counter } from './metric.js'

export type RedisErrorSource = 'connection' | 'handler' | 'lock-release'

export function createRedisErrorCounter(
  registry: Registry,
  service: string,
): (source: RedisErrorSource) => void {
  const errors = counter(registry, {
    name: 'm365mcp_redis_errors_total',
    help: 'Errors of the Redis store no request was waiting for, by service and source.',
    labelNames: ['service', 'source'] as const,
  })
  return (source) => errors.inc({ service, source })
}
