// buildApp builds the tools service's listener from its services (STYLE §1): `/mcp` (Streamable
// HTTP, every revision), the legacy `/sse` + `/messages`, and `/healthz`. It never reads the
// environment or listens.
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { mcpRoute } from './mcp/mcp-route.js'
import type { ToolsServices } from './services.js'

export interface BuildAppOptions {
  services: ToolsServices
  logger: Logger
}

export interface ToolsApp {
  app: FastifyInstance
  /** Stops MCP work in flight and ends SSE streams (call before app.close()). */
  drain: () => Promise<void>
}

export async function buildApp({ services, logger }: BuildAppOptions): Promise<ToolsApp> {
  const { config } = services
  const app = Fastify({
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.MCP_MAX_BODY_BYTES,
    routerOptions: { maxParamLength: 200 },
    // SSE streams and long tool calls must not be cut by Node's request timeout.
    requestTimeout: 0,
  })
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }))
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    return reply
      .code(status >= 400 && status < 600 ? status : 500)
      .send(
        status < 500
          ? { error: 'invalid_request', error_description: error.message }
          : { error: 'server_error' },
      )
  })
  app.get('/healthz', () => Promise.resolve({ status: 'ok' }))

  const mcp = mcpRoute(app, {
    callers: services.callers,
    newServer: () => services.newServer(),
    maxBodyBytes: config.MCP_MAX_BODY_BYTES,
    keepAliveMs: config.SSE_KEEPALIVE,
    logger,
  })
  await app.ready()
  return {
    app,
    async drain() {
      await mcp.close()
    },
  }
}
