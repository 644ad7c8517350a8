// The OAuth paths → the auth service's public listener, streamed both ways with status, Location
// and Set-Cookie intact (the internal listener is never reachable from here). The pages a browser
// navigates (/authorize, /consent, /callback) carry no CORS headers at all: no cross-origin script
// may read them (MCP security best practices, confused deputy; RFC 9700 §4.16 clickjacking).
import type { FastifyInstance } from 'fastify'
import { withoutCors } from '../http/origin-policy.js'
import { forwardedFor } from '../proxy/forwarded-for.js'
import { proxyToOrigin, type ProxySettings } from '../proxy/proxy-request.js'
import { declaredTooLarge } from '../proxy/request-body.js'
import { upstreamHeaders } from '../proxy/upstream-headers.js'
import { writeJson } from '../proxy/write-json.js'
import { failureReply } from '../proxy/failure-reply.js'

export const AUTH_PATHS = [
  '/.well-known/oauth-authorization-server',
  '/jwks.json',
  '/register',
  '/authorize',
  '/consent',
  '/callback',
  '/token',
  '/revoke',
] as const

const BROWSER_PAGES = new Set(['/authorize', '/consent', '/callback'])

export function authRoutes(app: FastifyInstance, authOrigin: string, settings: ProxySettings): void {
  app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null))
    for (const path of AUTH_PATHS) {
      scope.route({
        method: ['GET', 'HEAD', 'POST', 'OPTIONS'],
        url: path,
        exposeHeadRoute: false,
        handler: async (request, reply) => {
          reply.hijack()
          if (declaredTooLarge(request.raw, settings.maxBodyBytes)) {
            const refusal = failureReply('too_large', 'oauth')
            writeJson(reply.raw, refusal.status, refusal.body, { connection: 'close' })
            return reply
          }
          await proxyToOrigin(
            settings,
            {
              req: request.raw,
              res: reply.raw,
              log: request.log,
              headers: upstreamHeaders(request.headers, { forwarded: forwardedFor(request) }),
              style: 'oauth',
              ...(BROWSER_PAGES.has(path) ? { decorate: withoutCors } : {}),
            },
            authOrigin,
          )
          return reply
        },
      })
    }
    done()
  })
}
