// Drops cached Graph tokens of revoked grants as soon as the auth service announces them on its
// `grant-revoked` channel (`{ grantId, sub, clientId }`, services/auth/src/tokens/grant-store.ts).
// The cache's maximum age bounds staleness when a message is missed (Redis pub/sub is at most once).
import type { Logger } from '@m365mcp/logger'
import type { Store, Unsubscribe } from '@m365mcp/store'
import { z } from 'zod'

export interface GrantRevocationDeps {
  store: Pick<Store, 'subscribe'>
  /** The auth service's channel, e.g. `auth:events:grant-revoked` (with its REDIS_PREFIX). */
  channel: string
  invalidate: (grantId: string) => void
  logger: Pick<Logger, 'warn'>
}

const grantRevoked = z.object({ grantId: z.string().min(1) })

export function subscribeGrantRevocations(deps: GrantRevocationDeps): Promise<Unsubscribe> {
  return deps.store.subscribe(deps.channel, (message) => {
    let parsed: unknown
    try {
      parsed = JSON.parse(message)
    } catch {
      parsed = undefined
    }
    const event = grantRevoked.safeParse(parsed)
    if (!event.success) {
      deps.logger.warn({ channel: deps.channel }, 'ignored a malformed grant-revoked message')
      return
    }
    deps.invalidate(event.data.grantId)
  })
}
