// `/mcp` (Streamable HTTP), `/sse` and `/messages` (legacy HTTP+SSE) → the tools pool. In order:
// Origin (403 on a foreign one, before anything else), the bearer token for the endpoint's resource
// (`/sse` for both legacy paths), the `mcp` scope, the user's and client's rate limits (429), the
// user's cap on open streams (429, GET only), the declared body size; then the request is streamed to a healthy replica with spoofable identity
// headers removed. The body is never parsed here. OPTIONS preflights need no token (Fetch §4.8: they never carry credentials).
import type { McpResourcePath } from '@m365mcp/access-token'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { OutgoingHttpHeaders } from 'node:http'
import { requireScope } from '../auth/require-scope.js'
import { withoutCors } from '../http/origin-policy.js'
import { failureReply } from '../proxy/failure-reply.js'
import { forwardedFor } from '../proxy/forwarded-for.js'
import { proxyToPool, type ProxySettings } from '../proxy/proxy-request.js'
import { declaredTooLarge } from '../proxy/request-body.js'
import { upstreamHeaders } from '../proxy/upstream-headers.js'
import { tooManyRequests } from '../rate-limit/too-many-requests.js'
import { tooManyStreams } from '../rate-limit/too-many-streams.js'
import type { GatewayServices } from '../services.js'

const ENDPOINTS: readonly { url: string; methods: string[]; resource: McpResourcePath }[] = [
  { url: '/mcp', methods: ['GET', 'POST', 'DELETE'], resource: '/mcp' },
  { url: '/sse', methods: ['GET'], resource: '/sse' },
  { url: '/messages', methods: ['POST'], resource: '/sse' },
]

export const MCP_SCOPE = 'mcp'

export function mcpRoutes(app: FastifyInstance, services: GatewayServices, settings: ProxySettings): void {
  const { bearer, origins, pool, rateLimiter, streamCap } = services
  const publicOrigin = new URL(services.config.PUBLIC_URL).origin
  const metadataUrl = (path: McpResourcePath) => `${publicOrigin}/.well-known/oauth-protected-resource${path}`

  app.register((scope, _options, done) => {
    // The upstream reads the body; leave the stream untouched so it can be streamed (or retried).
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null))
    scope.addHook('onRequest', async (request, reply) => {
      if (origins.allows(request.headers.origin)) return
      request.log.info({ origin: request.headers.origin }, 'foreign Origin refused')
      const message = 'Forbidden: this Origin may not call the MCP endpoints'
      await reply
        .code(403)
        .header('cache-control', 'no-store')
        .send(
          request.url.startsWith('/sse')
            ? { error: 'forbidden_origin', error_description: message }
            : { jsonrpc: '2.0', id: null, error: { code: -32000, message } },
        )
    })

    for (const endpoint of ENDPOINTS) {
      scope.options(endpoint.url, (request, reply) => {
        const origin = request.headers.origin
        const headers = origin === undefined ? {} : origins.preflightHeaders(origin)
        return reply.code(204).headers(headers).send()
      })
      scope.route({
        method: endpoint.methods,
        url: endpoint.url,
        exposeHeadRoute: false,
        handler: (request, reply) => handle(request, reply, endpoint.resource),
      })
    }
    done()
  })

  async function handle(request: FastifyRequest, reply: FastifyReply, resource: McpResourcePath) {
    const cors = origins.corsHeaders(request.headers.origin)
    const style = request.url.startsWith('/sse') ? 'oauth' : 'json-rpc'
    const outcome = await bearer.authenticate(request.headers.authorization, resource, request.log)
    if (!outcome.ok) {
      return reply
        .code(outcome.status)
        .headers({ ...outcome.headers, ...cors, 'cache-control': 'no-store' })
        .send(outcome.body)
    }
    const short = requireScope(outcome.principal.scopes, MCP_SCOPE, metadataUrl, resource)
    if (short) {
      return reply
        .code(short.status)
        .headers({ ...short.headers, ...cors, 'cache-control': 'no-store' })
        .send(short.body)
    }
    const { sub, clientId } = outcome.principal
    const decision = await rateLimiter.check({ sub, clientId })
    if (!decision.allowed) {
      request.log.info({ scope: decision.scope, limit: decision.limit }, 'rate limit exceeded')
      services.metrics.rateLimited(decision.scope)
      const refusal = tooManyRequests(decision.scope, decision.retryAfterSeconds, style)
      return reply
        .code(refusal.status)
        .headers({ ...refusal.headers, ...cors })
        .send(refusal.body)
    }
    if (declaredTooLarge(request.raw, settings.maxBodyBytes)) {
      const refusal = failureReply('too_large', style)
      return reply
        .code(refusal.status)
        .headers({ ...cors, connection: 'close' })
        .send(refusal.body)
    }
    if (request.method === 'GET') {
      // A GET opens a stream (GET /sse; GET /mcp, Streamable HTTP's standalone stream).
      const release = streamCap.acquire(sub)
      if (!release) {
        request.log.info({ limit: services.config.SSE_MAX_STREAMS_PER_USER }, 'stream cap reached')
        const refusal = tooManyStreams(services.config.SSE_MAX_STREAMS_PER_USER, style)
        return reply
          .code(refusal.status)
          .headers({ ...refusal.headers, ...cors })
          .send(refusal.body)
      }
      // 'close' is emitted once however the response ends (upstream end or error, client gone, no
      // healthy replica), and release is idempotent; a client already gone releases at once.
      if (reply.raw.destroyed) release()
      else reply.raw.once('close', release)
    }
    reply.hijack()
    const decorate = (headers: OutgoingHttpHeaders): OutgoingHttpHeaders => {
      const out = withoutCors(headers)
      if (Object.keys(cors).length === 0) return out
      const vary = out.vary === undefined ? 'Origin' : `${String(out.vary)}, Origin`
      return { ...out, ...cors, vary }
    }
    await proxyToPool(
      settings,
      {
        req: request.raw,
        res: reply.raw,
        log: request.log,
        headers: upstreamHeaders(request.headers, {
          forwarded: forwardedFor(request),
          identityEncoding: true,
        }),
        style,
        decorate,
      },
      pool,
    )
    return reply
  }
}
