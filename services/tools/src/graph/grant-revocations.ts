// Drops cached Graph tokens of revoked grants as soon as the auth service announces them on its
// `grant-revoked` channel (`{ grantId, sub, clientId }`, services/auth/src/tokens/grant-store.ts).
// Redis pub/sub is at most once: when the subscriber connection was lost (Redis restarted, failed
// over, or the network dropped) messages may have been missed, so the whole cache is dropped once it
// is back (a Redis restarted empty has lost every grant, and no message says so). The cache's maximum
// age bounds staleness for anything else.
import type { Logger } from '@m365mcp/logger'
import type { Store, Unsubscribe } from '@m365mcp/store'
import { z } from 'zod'

export interface GrantRevocationDeps {
  store: Pick<Store, 'subscribe'>
  /** The auth service's channel, e.g. `auth:events:grant-revoked` (with its REDIS_PREFIX). */
  channel: string
  invalidate: (grantId: string) => void
  /** Drops every cached token (called when messages may have been missed). */
  invalidateAll: () => void
  logger: Pick<Logger, 'warn'>
}

const grantRevoked = z.object({ grantId: z.string().min(1) })

export function subscribeGrantRevocations(deps: GrantRevocationDeps): Promise<Unsubscribe> {
  const onGap = () => {
    deps.logger.warn({ channel: deps.channel }, 'revocation channel interrupted: cached Graph tokens dropped')
    deps.invalidateAll()
  }
  return deps.store.subscribe(deps.channel, handle, { onGap })

  function handle(message: string): void {
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
  }
}
