// Legacy SSE session ids: 256 random bits (randomToken), base64url. A session id only routes a
// message to its stream; it is never an authentication (every POST carries and proves its own
// bearer token, and must belong to the session's user).
import { randomToken } from '@m365mcp/crypto'

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

export function newSessionId(): string {
  return randomToken(32)
}

/** True for a string shaped like an id newSessionId() makes (checked before any store lookup). */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value)
}
