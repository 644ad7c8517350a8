// What a replica publishes on the owner's channel for a message POSTed to a session it does not
// hold: the session, the JSON-RPC message and the caller of that POST (its verified principal and
// the grant's Graph permissions), so the owner hands the tools the identity of the POST, never the
// one of the GET. The owner trusts nothing it receives: a malformed relay is dropped. The caller
// carries the user's access token across the store's pub/sub (docs/storage-schema.md: use TLS).
import { parseJSONRPCMessage, type JSONRPCMessage } from '@modelcontextprotocol/server'
import { z } from 'zod'
import type { Caller } from '../auth/principal.js'
import { isSessionId } from './session-id.js'

export interface RelayMessage {
  readonly sessionId: string
  readonly message: JSONRPCMessage
  readonly caller: Caller
}

const callerSchema = z.object({
  principal: z.object({
    token: z.string().min(1),
    sub: z.string().min(1),
    clientId: z.string().min(1),
    grantId: z.string().min(1),
    scopes: z.array(z.string()),
    resource: z.url(),
    expiresAt: z.number().int(),
    roles: z.array(z.string()),
    groups: z.array(z.string()),
  }),
  grantedScopes: z.array(z.string()).nullable(),
})

const relaySchema = z.object({
  sessionId: z.string().refine(isSessionId, 'not a session id'),
  message: z.unknown(),
  caller: callerSchema,
})

export function encodeRelayMessage(relay: RelayMessage): string {
  return JSON.stringify(relay)
}

/** The relay a raw pub/sub payload carries, or an Error saying why it is refused. */
export function decodeRelayMessage(raw: string): RelayMessage | Error {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return new Error('relay message is not JSON')
  }
  const parsed = relaySchema.safeParse(json)
  if (!parsed.success) return new Error(`relay message refused: ${z.prettifyError(parsed.error)}`)
  let message: JSONRPCMessage
  try {
    message = parseJSONRPCMessage(parsed.data.message)
  } catch {
    return new Error('relay message carries no valid JSON-RPC message')
  }
  return { sessionId: parsed.data.sessionId, message, caller: parsed.data.caller }
}
