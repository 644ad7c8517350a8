// After consent: the Entra transaction (state, nonce, PKCE verifier) is made and stored only now
// (ATTACKS B15: nothing upstream exists before the user approved), then the browser is sent on.
import type { FastifyReply } from 'fastify'
import { seeOther } from '../consent/see-other.js'
import type { PendingAuthorization } from '../flow/authorize-requests.js'
import type { AuthServices } from '../services.js'

export async function startUpstream(
  reply: FastifyReply,
  services: Pick<AuthServices, 'entra' | 'upstream'>,
  pending: PendingAuthorization,
): Promise<FastifyReply> {
  const { url, transaction } = await services.entra.startAuthorization()
  await services.upstream.save({ pending, entra: transaction })
  return seeOther(reply, url.href)
}
