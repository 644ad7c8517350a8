// `/mcp`, Streamable HTTP for every revision we serve (2025-03-26, 2025-06-18, 2025-11-25 and
// 2026-07-28), stateless: the SDK's createMcpHandler answers each request with a fresh server and
// answers the transport rules itself (406 for a bad Accept, 415 for a bad Content-Type, 400 for an
// unsupported MCP-Protocol-Version, 413 above the body limit, 405 for GET/DELETE, which need
// sessions we do not keep). Two rules are ours: authentication comes first, before the body is
// read (no token, no parsing); and a JSON-RPC batch is refused (400) when the request names a
// revision without batching — 2025-06-18 removed it (changelog), and SDK 2.4.0's stateless
// fallback would serve it whatever the header says. And since no session id is ever issued, a
// request naming one names an unknown session: 404, which tells the client to initialize afresh
// (Streamable HTTP §Session Management), rather than serving it as if the id meant something
// (ATTACKS F43: another user's session id selects nothing).
import { Readable } from 'node:stream'
import { toNodeHandler } from '@modelcontextprotocol/node'
import { createMcpHandler, type Server } from '@modelcontextprotocol/server'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { toAuthInfo } from '../auth/principal.js'
import { isJsonArray, readBody } from './read-body.js'
import type { CallerResolver } from '../http/caller-resolver.js'

/** Revisions whose transport has no JSON-RPC batches. */
const NO_BATCHES = new Set(['2025-06-18', '2025-11-25', '2026-07-28'])

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null }
}

export interface McpRouteDeps {
  callers: CallerResolver
  newServer: () => Server
  maxBodyBytes: number
  keepAliveMs: number
  logger: Logger
}

export interface McpRoute {
  close(): Promise<void>
}

export function mcpRoute(app: FastifyInstance, deps: McpRouteDeps): McpRoute {
  const handler = createMcpHandler(() => deps.newServer(), {
    legacy: 'stateless',
    maxRequestBodySize: deps.maxBodyBytes,
    keepAliveMs: deps.keepAliveMs,
    onerror: (error) => deps.logger.debug({ err: error }, 'mcp request rejected or failed'),
  })
  const node = toNodeHandler(handler, {
    maxRequestBodySize: deps.maxBodyBytes,
    onerror: (error) => deps.logger.error({ err: error }, 'mcp handler failed'),
  })

  app.register((scope, _options, done) => {
    // The SDK reads and checks the body itself (media type, size, JSON): leave the stream unread.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null))
    scope.route({
      method: ['GET', 'POST', 'DELETE'],
      url: '/mcp',
      handler: async (request, reply) => {
        const outcome = await deps.callers.resolve(request.headers.authorization, '/mcp', request.log)
        if (!outcome.ok) {
          return reply
            .code(outcome.status)
            .headers(outcome.headers)
            .header('cache-control', 'no-store')
            .send(outcome.body)
        }
        if (request.headers['mcp-session-id'] !== undefined) {
          return reply
            .code(404)
            .header('cache-control', 'no-store')
            .send(rpcError(-32001, 'Session not found'))
        }
        let body: Buffer | undefined
        if (request.method === 'POST') {
          const read = await readBody(request.raw, deps.maxBodyBytes)
          if (!read.ok) {
            // The rest of the body is never read: close the connection rather than leave a paused
            // keep-alive socket that holds the server (and its graceful shutdown) until it times out.
            return reply
              .code(413)
              .header('connection', 'close')
              .send(rpcError(-32600, 'Request body too large'))
          }
          const version = request.headers['mcp-protocol-version']
          if (typeof version === 'string' && NO_BATCHES.has(version) && isJsonArray(read.bytes)) {
            return reply
              .code(400)
              .send(rpcError(-32600, `JSON-RPC batches are not supported in protocol version ${version}`))
          }
          body = read.bytes
        }
        reply.hijack()
        // The body is already read: hand the SDK a request whose stream replays it.
        const replay = Object.assign(Readable.from(body && body.length > 0 ? [body] : []), {
          method: request.raw.method,
          url: request.raw.url,
          headers: request.raw.headers,
          auth: toAuthInfo(outcome.caller),
        })
        await node(replay, reply.raw)
        return reply
      },
    })
    done()
  })

  return { close: () => handler.close() }
}
