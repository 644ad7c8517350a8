// Per-request Graph state on the Fastify request: the correlation ids every response carries and,
// once the bearer token is verified, the caller. Decorators start null and are set in the guard hook.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SeedTenant, SeedUser } from '../seed/types.js'
import type { GraphTokenClaims } from './auth.js'
import type { PermissionName } from './permissions.js'

export interface GraphRequestIds {
  requestId: string
  clientRequestId: string
}

export interface GraphPrincipal {
  claims: GraphTokenClaims
  user: SeedUser
  tenant: SeedTenant
}

/** The access rule of a route that needs a valid Graph token but no particular permission ($batch). */
export const TOKEN_ONLY = 'token-only'

/**
 * A route's access rule: the permission-table entry to enforce (or a function of the request for
 * routes like /users/{id} where reading yourself needs less), or TOKEN_ONLY for "any valid token".
 * Every route must have one: the app refuses to start with a route that lacks it (see guard.ts).
 */
export type RoutePermission =
  PermissionName | ((request: FastifyRequest) => PermissionName) | typeof TOKEN_ONLY

declare module 'fastify' {
  interface FastifyRequest {
    graphIds: GraphRequestIds | null
    principal: GraphPrincipal | null
  }
  interface FastifyContextConfig {
    permission?: RoutePermission
  }
}

/** The verified caller; every routed request has one by the time its handler runs. */
export function principalOf(request: FastifyRequest): GraphPrincipal {
  if (!request.principal) throw new Error('Graph route reached without an authenticated principal')
  return request.principal
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** The absolute service root as the client addressed it, e.g. https://localhost:8791/v1.0. */
export function serviceRoot(request: FastifyRequest): string {
  const host = request.headers.host
  return `https://${host && HOST.test(host) ? host : 'localhost'}/v1.0`
}

/** `ConsistencyLevel: eventual`, which directory advanced queries require. */
export function isEventual(request: FastifyRequest): boolean {
  const v = request.headers.consistencylevel
  return typeof v === 'string' && v.trim().toLowerCase() === 'eventual'
}

/** The request path below /v1.0, without query: `/me/messages`. */
export function graphPath(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? ''
  const below = path.replace(/^\/v1\.0(?=\/|$)/i, '')
  try {
    return decodeURIComponent(below)
  } catch {
    return below
  }
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .type(
      'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
    )
    .send(body)
}
