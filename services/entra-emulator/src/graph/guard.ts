// The onRequest hook every Graph request passes: correlation ids first (so even a 401 carries them),
// then bearer token → caller lookup → injected faults → permission. It fails closed: every route must
// carry an access rule (a permission or TOKEN_ONLY), checked when the route is registered, so no
// route can be served without a token. Only unrouted requests skip it, as Graph answers those
// (400 unknown segment, 405 wrong method) before authentication; Graph's one anonymous document,
// `$metadata`, is not emulated.
import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FaultRegistry } from '../faults/registry.js'
import type { GraphTokenVerifier } from './auth.js'
import { faultError } from './faults.js'
import { PERMISSIONS, requirePermission } from './permissions.js'
import { graphPath, TOKEN_ONLY } from './request-context.js'
import type { GraphRequestIds } from './request-context.js'
import type { GraphStore } from './store.js'

export interface GuardDeps {
  verifier: GraphTokenVerifier
  store: GraphStore
  faults: FaultRegistry
}

// client-request-id is the client's correlation id; Graph echoes a sane value and otherwise uses its own.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export function correlationIds(request: FastifyRequest): GraphRequestIds {
  const requestId = randomUUID()
  const given = request.headers['client-request-id']
  const clientRequestId = typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : requestId
  return { requestId, clientRequestId }
}

export function createGuard(deps: GuardDeps) {
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ids = correlationIds(request)
    request.graphIds = ids
    reply.header('request-id', ids.requestId).header('client-request-id', ids.clientRequestId)

    if (request.is404) return
    const rule = request.routeOptions.config.permission
    // Unreachable while enforceAccessRules holds at start; refuse rather than serve anonymously.
    if (rule === undefined) throw new Error(`Graph route ${request.method} ${request.url} has no access rule`)
    const claims = await deps.verifier.verify(request.headers.authorization)
    const user = deps.store.user(claims.oid)
    const tenant = deps.store.tenant(claims.tid)
    if (!user || !tenant || user.tenantId !== tenant.id) {
      throw deps.verifier.unauthorized(
        'Access token validation failure. The user does not exist in the tenant.',
      )
    }
    request.principal = { claims, user, tenant }
    // Function rules read the principal (e.g. /users/{id} is /me when the id is the caller's).
    const permission = rule === TOKEN_ONLY ? undefined : typeof rule === 'function' ? rule(request) : rule
    const fault = deps.faults.take(`graph:${graphPath(request)}`, claims.oid)
    const workload = permission === undefined ? 'directory' : PERMISSIONS[permission].workload
    const failure = fault && faultError(fault, deps.verifier, workload)
    if (failure) {
      request.log.info({ faultId: fault.id, kind: fault.kind }, 'graph fault injected')
      throw failure
    }
    if (permission) requirePermission(permission, claims.scopes)
  }
}

/** Why a route's access rule is unusable, or undefined when it has a good one. */
export function accessRuleProblem(route: {
  method: string | string[]
  url: string
  config?: unknown
}): string | undefined {
  const rule = (route.config as { permission?: unknown } | undefined)?.permission
  if (typeof rule === 'function' || rule === TOKEN_ONLY) return undefined
  if (typeof rule === 'string' && Object.hasOwn(PERMISSIONS, rule)) return undefined
  const method = Array.isArray(route.method) ? route.method.join(',') : route.method
  return rule === undefined
    ? `${method} ${route.url} has no access rule`
    : `${method} ${route.url} has an unknown access rule ${JSON.stringify(rule)}`
}

/**
 * Makes the guard fail closed at start: every route registered without a usable access rule is
 * noted (onRoute) and the app refuses to become ready (onReady), so `listen` rejects naming them
 * all. A route plugin may be a plain callback, where a throw from onRoute would escape the boot
 * as an uncaught exception; failing the ready hook turns it into listen's error instead.
 */
export function enforceAccessRules(app: FastifyInstance): void {
  const problems: string[] = []
  app.addHook('onRoute', (route) => {
    const problem = accessRuleProblem(route)
    if (problem) problems.push(problem)
  })
  app.addHook('onReady', (done) => {
    if (problems.length === 0) return done()
    done(
      new Error(
        `Graph routes without a usable access rule: ${problems.join('; ')}. Set config.permission to a ` +
          `permission of permissions.ts, a function choosing one, or TOKEN_ONLY for "any valid token".`,
      ),
    )
  })
}
