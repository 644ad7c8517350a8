// RFC 7591 dynamic client registration: rate limited per source and globally, body capped, the
// metadata validated by policy, the client_id and any secret chosen by the server (RFC 9700 §4.15).
import type { FastifyInstance } from 'fastify'
import type { ClientStore } from '../clients/client-store.js'
import { REGISTRATION_BODY_LIMIT_BYTES, type RegistrationLimits } from '../clients/registration-limits.js'
import { OAuthError } from '../oauth/errors.js'

export interface RegisterRouteDeps {
  clientStore: Pick<ClientStore, 'register'>
  limits: RegistrationLimits
}

export function registerRoutes(app: FastifyInstance, deps: RegisterRouteDeps): void {
  app.post('/register', { bodyLimit: REGISTRATION_BODY_LIMIT_BYTES }, async (request, reply) => {
    const decision = await deps.limits.check(request.ip)
    if (!decision.allowed) {
      return reply
        .code(429)
        .headers({ 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' })
        .send(decision.error.toJSON())
    }
    if (!request.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      throw new OAuthError('invalid_client_metadata', 'the registration request must be application/json')
    }
    const registration = await deps.clientStore.register(request.body)
    return reply
      .code(201)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send(registration.response)
  })
}
