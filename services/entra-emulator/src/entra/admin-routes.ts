// The emulator's test-control API under /_emulator, registered only when enabled (404 otherwise):
// fault rules, app registrations added at run time (tests on random ports need their own redirect
// URIs), revoking a user's sessions, token-endpoint request counts and the hash of the last refresh
// token issued per client and user. JSON in and out; bad input is a 400 naming every problem.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { FaultKind } from '../faults/registry.js'
import { emulatorClientSchema, isConfidential } from './clients.js'
import type { IdentityContext } from './identity-context.js'

const TOKEN_KINDS: readonly FaultKind[] = [
  'invalid_grant',
  'consent_required',
  'interaction_required',
  'throttle',
  'unavailable',
]
const GRAPH_KINDS: readonly FaultKind[] = ['throttle', 'unavailable', 'expired_token', 'access_denied']
const TARGET = /^(graph:(\*|\/[^\s]*)|token:(\*|refresh_token|authorization_code))$/

const faultRuleInput = z
  .strictObject({
    target: z
      .string()
      .regex(
        TARGET,
        'must be graph:*, graph:/<path>, token:*, token:refresh_token or token:authorization_code',
      ),
    kind: z.enum([
      'throttle',
      'unavailable',
      'expired_token',
      'access_denied',
      'invalid_grant',
      'consent_required',
      'interaction_required',
    ]),
    userId: z.guid().optional(),
    retryAfter: z.number().positive().max(3600).optional(),
    times: z.int().positive().max(1_000_000).optional(),
  })
  .refine((rule) => (rule.target.startsWith('token:') ? TOKEN_KINDS : GRAPH_KINDS).includes(rule.kind), {
    message:
      'kind does not apply to this target (token: invalid_grant, consent_required, interaction_required, throttle, unavailable; graph: throttle, unavailable, expired_token, access_denied)',
    path: ['kind'],
  })

const userParams = z.object({ oid: z.guid() })

function invalid(error: z.ZodError) {
  return {
    error: 'invalid_request',
    error_description: error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
  }
}

export function registerAdminRoutes(app: FastifyInstance, context: IdentityContext): void {
  void app.register(
    (scope, _options, done) => {
      scope.setErrorHandler((error, request, reply) => {
        const { statusCode: status = 500, message } = error as { statusCode?: number; message?: string }
        if (status >= 500) {
          request.log.error({ err: error }, 'admin request failed')
          return reply.code(500).send({ error: 'server_error', error_description: 'internal error' })
        }
        return reply
          .code(status)
          .send({ error: 'invalid_request', error_description: message ?? 'bad request' })
      })

      scope.get('/faults', (_request, reply) => reply.send({ faults: context.faults.list() }))
      scope.post('/faults', (request, reply) => {
        const parsed = faultRuleInput.safeParse(request.body)
        if (!parsed.success) return reply.code(400).send(invalid(parsed.error))
        return reply.code(201).send(context.faults.add(parsed.data))
      })
      scope.delete('/faults', (_request, reply) => {
        context.faults.clear()
        return reply.code(204).send()
      })

      scope.get('/stats', (_request, reply) => reply.send(context.tokenStats.snapshot()))
      scope.get('/refresh-tokens', (_request, reply) =>
        reply.send({ refreshTokens: context.issuedRefreshTokens.snapshot() }),
      )

      scope.post('/clients', (request, reply) => {
        const parsed = emulatorClientSchema.safeParse(request.body)
        if (!parsed.success) return reply.code(400).send(invalid(parsed.error))
        if (!context.identities.has(parsed.data.tenantId)) {
          return reply.code(400).send({
            error: 'invalid_request',
            error_description: `tenantId: no tenant ${parsed.data.tenantId} here`,
          })
        }
        const client = context.clients.add(request.body as Parameters<typeof context.clients.add>[0])
        return reply.code(201).send({
          clientId: client.clientId,
          tenantId: client.tenantId,
          name: client.name,
          redirectUris: client.redirectUris,
          permissions: client.permissions,
          confidential: isConfidential(client),
          certificate: client.jwks !== undefined,
          appRoles: client.appRoles ?? [],
          groupMembershipClaims: client.groupMembershipClaims ?? 'None',
        })
      })

      scope.post('/users/:oid/revoke', (request, reply) => {
        const parsed = userParams.safeParse(request.params)
        if (!parsed.success) return reply.code(400).send(invalid(parsed.error))
        const oid = parsed.data.oid.toLowerCase()
        const identity = [...context.identities.values()].find((i) => i.directory.byId(oid) !== undefined)
        if (!identity)
          return reply.code(404).send({ error: 'not_found', error_description: `no user ${oid}` })
        const revoked = identity.revocations.revokeUser(oid, context.now())
        request.log.info({ oid, ...revoked }, 'user sessions revoked')
        return reply.send({
          oid,
          tenantId: identity.tenant.id,
          revokedGrants: revoked.grants,
          revokedSessions: revoked.sessions,
        })
      })
      done()
    },
    { prefix: '/_emulator' },
  )
}
