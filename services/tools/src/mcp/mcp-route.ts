// `/mcp`, Streamable HTTP for every revision we serve (2025-03-26, 2025-06-18, 2025-11-25 and
// 2026-07-28), stateless: the SDK's createMcpHandler answers each request with a fresh server and
// answers the transport rules itself (406 for a bad Accept, 415 for a bad Content-Type, 400 for an
// unsupported MCP-Protocol-Version or a batch a revision forbids, 413 above the body limit, 405
// for GET/DELETE, which need sessions we do not keep). Authentication comes first, before the
// body is read: no token, no parsing.
import { toNodeHandler } from '@modelcontextprotocol/node'
import { createMcpHandler, type Server } from '@modelcontextprotocol/server'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { toAuthInfo } from '../auth/principal.js'
import type { CallerResolver } from '../http/caller-resolver.js'

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
        reply.hijack()
        const raw = Object.assign(request.raw, { auth: toAuthInfo(outcome.caller) })
        await node(raw, reply.raw)
        return reply
      },
    })
    done()
  })

  return { close: () => handler.close() }
}
