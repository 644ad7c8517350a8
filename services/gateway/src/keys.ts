// Every store key the gateway writes, built here only (STYLE §9, docs/storage-schema.md "gateway:
// rate limits"). `prefix` is `${REDIS_PREFIX}gateway:`. Subjects are hashed: a `client_id` may be
// a URL (Client ID Metadata Documents) and neither it nor `sub` is ours to bound in length, while
// a key segment must stay short and free of `:`.
import { createHash } from 'node:crypto'

export type RateLimitScope = 'user' | 'client'

export interface GatewayKeys {
  /** The counter of `subject`'s requests in fixed window number `window` (epoch ms ÷ window length). */
  rateLimit(scope: RateLimitScope, subject: string, window: number): string
}

const segment = (value: string): string => createHash('sha256').update(value).digest('base64url')

export function createGatewayKeys(prefix: string): GatewayKeys {
  return {
    rateLimit: (scope, subject, window) => `${prefix}rate:${scope}:${segment(subject)}:${window}`,
  }
}
