// CORS for the endpoints a browser-based MCP client calls with fetch: the metadata document, the
// JWKS, DCR, the token endpoint and revocation (OAuth 2.0 for Browser-Based Applications §6.1: the
// token endpoint must support CORS for browser clients; MCP Inspector's page runs discovery, DCR and
// the code exchange from `http://localhost:6274`). Any origin may call them because none of them
// reads a cookie or ambient credential: a request proves itself with what it carries (PKCE
// verifier, client secret, refresh token), so `Access-Control-Allow-Credentials` is never sent and
// `*` grants a page nothing it could not do from a server. The pages a browser navigates
// (/authorize, /consent, /callback) are not listed and get no CORS at all (the consent page must
// not be readable cross-origin; RFC 9700 §4.16).
import type { FastifyInstance } from 'fastify'

export const API_CORS_PATHS: readonly string[] = [
  '/.well-known/oauth-authorization-server',
  '/jwks.json',
  '/register',
  '/token',
  '/revoke',
]

// What the SDK clients send: JSON or form bodies, client_secret_basic, and the MCP version header
// they add to discovery requests (which makes those non-simple, hence the preflight).
const ALLOW_HEADERS = 'Authorization, Content-Type, MCP-Protocol-Version'
// A 401 invalid_client carries WWW-Authenticate (RFC 6749 §5.2); 429 carries Retry-After.
const EXPOSE_HEADERS = 'WWW-Authenticate, Retry-After'

export function apiCors(app: FastifyInstance, paths: readonly string[] = API_CORS_PATHS): void {
  const listed = new Set(paths)
  for (const path of paths) {
    app.options(path, (request, reply) => {
      reply.code(204).header('cache-control', 'no-store')
      if (request.headers.origin !== undefined) {
        reply
          .header('access-control-allow-origin', '*')
          .header('access-control-allow-methods', 'GET, POST, OPTIONS')
          .header('access-control-allow-headers', ALLOW_HEADERS)
          .header('access-control-max-age', '600')
      }
      return reply.send()
    })
  }
  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url
    if (request.headers.origin !== undefined && route !== undefined && listed.has(route)) {
      reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', EXPOSE_HEADERS)
    }
    return payload
  })
}
