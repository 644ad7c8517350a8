// The onRequest hook every Graph request passes: correlation ids first (so even a 401 carries them),
// then, for routes with an access rule, bearer token → caller lookup → injected faults → permission.
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FaultRegistry } from '../faults/registry.js'
import type { GraphTokenVerifier } from './auth.js'
import { faultError } from './faults.js'
import { PERMISSIONS, requirePermission } from './permissions.js'
import { graphPath } from './request-context.js'
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

    const rule = request.routeOptions.config.permission
    if (rule === undefined) return
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
    const permission = rule === null ? undefined : typeof rule === 'function' ? rule(request) : rule
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
