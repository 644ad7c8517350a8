// The owner's side of the relay: messages other replicas received for sessions whose stream is
// here. Each is validated on receipt; anything malformed, for a session no longer open here, or
// whose caller is not the session's user is logged and dropped (never thrown into the store).
import type { Store, Unsubscribe } from '@m365mcp/store'
import type { Logger } from 'pino'
import type { OpenSessions } from './open-sessions.js'
import { decodeRelayMessage } from './relay-message.js'

export function subscribeRelay(deps: {
  store: Store
  channel: string
  sessions: OpenSessions
  logger: Logger
}): Promise<Unsubscribe> {
  return deps.store.subscribe(deps.channel, (raw) => {
    const relay = decodeRelayMessage(raw)
    if (relay instanceof Error) {
      deps.logger.warn({ reason: relay.message }, 'legacy SSE relay message dropped')
      return
    }
    if (!deps.sessions.deliver(relay.sessionId, relay.message, relay.caller)) {
      deps.logger.info(
        { sseSession: relay.sessionId.slice(0, 8) },
        'legacy SSE relay message for a session not open here dropped',
      )
    }
  })
}
