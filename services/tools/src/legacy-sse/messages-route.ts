// POST /messages?sessionId=… (MCP 2024-11-05 "HTTP with SSE"), on any replica. The POST is
// authenticated on its own (a session id is never a credential), then routed by the registry: to the
// local stream, or published on the owner replica's channel with the POST's caller. Its answer is
// 202 once the message is handed over; the JSON-RPC response travels on the SSE stream. A session
// whose owner is gone (registry entry expired, or a relay that reached no subscriber) is deleted and
// answered 404, so the client opens a new stream.
import type { Store } from '@m365mcp/store'
import { parseJSONRPCMessage, type JSONRPCMessage } from '@modelcontextprotocol/server'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Caller } from '../auth/principal.js'
import type { CallerResolver } from '../http/caller-resolver.js'
import { INVALID_REQUEST, PARSE_ERROR, SESSION_NOT_FOUND, jsonRpcError } from './json-rpc-error.js'
import type { LegacySseKeys } from './keys.js'
import type { OpenSessions } from './open-sessions.js'
import { encodeRelayMessage } from './relay-message.js'
import { isSessionId } from './session-id.js'
import type { SessionRegistry } from './session-registry.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller of a POST /messages, set by its onRequest hook. */
    legacySseCaller: Caller | null
  }
}

export interface MessagesRouteContext {
  readonly store: Store
  readonly keys: LegacySseKeys
  readonly replicaId: string
  readonly callers: CallerResolver
  readonly registry: SessionRegistry
  readonly sessions: OpenSessions
  readonly maxBodyBytes: number
}

interface MessagesRequest {
  Querystring: { sessionId?: unknown }
  Body: string
}

/** Registers the route in an encapsulated scope: its body parser and error handler stay local. */
export function registerMessagesRoute(app: FastifyInstance, ctx: MessagesRouteContext): void {
  app.decorateRequest('legacySseCaller', null)
  // The raw text, parsed by the handler so a parse error gets a JSON-RPC body; other media types
  // are refused by Fastify (415) before the body is read.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: ctx.maxBodyBytes },
    (_req, body, done) => done(null, body),
  )
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return reply.code(status).send(jsonRpcError(INVALID_REQUEST, error.message))
    }
    request.log.error({ err: error }, 'POST /messages failed')
    return reply.code(500).send(jsonRpcError(-32603, 'Internal error'))
  })

  // Authentication and the session id are checked before the body is read.
  async function authenticate(request: FastifyRequest<MessagesRequest>, reply: FastifyReply) {
    const outcome = await ctx.callers.resolve(request.headers.authorization, '/sse', request.log)
    if (!outcome.ok) return reply.code(outcome.status).headers(outcome.headers).send(outcome.body)
    if (!isSessionId(request.query.sessionId)) {
      return reply
        .code(400)
        .send(jsonRpcError(INVALID_REQUEST, 'Bad Request: missing or malformed sessionId'))
    }
    request.legacySseCaller = outcome.caller
    return undefined
  }

  app.post<MessagesRequest>(
    '/messages',
    { bodyLimit: ctx.maxBodyBytes, onRequest: authenticate },
    async (request, reply) => {
      const caller = request.legacySseCaller
      const sessionId = request.query.sessionId
      if (caller === null || !isSessionId(sessionId))
        throw new Error('POST /messages reached its handler unauthenticated')

      let message: JSONRPCMessage
      try {
        message = parseJSONRPCMessage(JSON.parse(request.body))
      } catch (error) {
        return error instanceof SyntaxError
          ? reply.code(400).send(jsonRpcError(PARSE_ERROR, 'Parse error: the body is not JSON'))
          : reply.code(400).send(jsonRpcError(INVALID_REQUEST, 'Invalid Request: not a JSON-RPC message'))
      }

      const record = await ctx.registry.lookup(sessionId)
      if (record === null) return notFound(reply)
      if (record.sub !== caller.principal.sub) {
        request.log.warn('POST /messages for a session of another user refused')
        return reply.code(403).send(jsonRpcError(INVALID_REQUEST, 'Forbidden'))
      }

      const delivered =
        record.owner === ctx.replicaId
          ? ctx.sessions.deliver(sessionId, message, caller)
          : (await ctx.store.publish(
              ctx.keys.replicaChannel(record.owner),
              encodeRelayMessage({ sessionId, message, caller }),
            )) > 0
      if (!delivered) {
        request.log.info({ owner: record.owner }, 'legacy SSE session owner gone: unregistering the session')
        await ctx.registry.remove(sessionId)
        return notFound(reply)
      }
      return reply.code(202).send()
    },
  )
}

function notFound(reply: FastifyReply) {
  return reply.code(404).send(jsonRpcError(SESSION_NOT_FOUND, 'Session not found'))
}
