// The SSE sessions whose stream this replica holds, for one plugin instance (not module state):
// the only in-process session state, and only for live streams; who owns a session and for whom is
// in the shared registry, so any replica can route a POST to the right one.
import type { Caller } from '../auth/principal.js'
import { toAuthInfo } from '../auth/principal.js'
import type { JSONRPCMessage } from '@modelcontextprotocol/server'
import type { SseSessionTransport } from './sse-session-transport.js'

export interface OpenSession {
  readonly transport: SseSessionTransport
  /** `sub` of the user who opened the stream. */
  readonly sub: string
  /** Resolves once the session is closed and unregistered. */
  readonly closed: Promise<void>
}

export interface OpenSessions {
  add(session: OpenSession): void
  remove(sessionId: string): void
  all(): OpenSession[]
  /**
   * Hands a message to the session's server with the identity of the POST that carried it; false
   * when the session is not open here or belongs to another user.
   */
  deliver(sessionId: string, message: JSONRPCMessage, caller: Caller): boolean
}

/** Counts a session as open until the returned function is called (metrics). */
export type CountOpenSession = () => () => void

export function createOpenSessions(countOpen: CountOpenSession = () => () => undefined): OpenSessions {
  const sessions = new Map<string, OpenSession>()
  const counted = new Map<string, () => void>()
  return {
    add(session) {
      const id = session.transport.sessionId
      sessions.set(id, session)
      if (!counted.has(id)) counted.set(id, countOpen())
    },
    remove(sessionId) {
      sessions.delete(sessionId)
      counted.get(sessionId)?.()
      counted.delete(sessionId)
    },
    all: () => [...sessions.values()],
    deliver(sessionId, message, caller) {
      const session = sessions.get(sessionId)
      if (session === undefined || session.sub !== caller.principal.sub) return false
      try {
        session.transport.deliver(message, toAuthInfo(caller))
        return true
      } catch {
        return false
      }
    },
  }
}
