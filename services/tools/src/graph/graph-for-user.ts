// Wires the two halves for one request: a GraphClient whose token comes from the token exchange
// (cached per grant), and whose Graph 401 drops that cache entry so the next call exchanges again.
import type { GraphClient, GraphClientFactory } from './graph-client.js'
import type { GraphTokenProvider } from './token-exchange-client.js'

export interface GraphForUserDeps {
  clients: GraphClientFactory
  tokens: GraphTokenProvider
}

export interface VerifiedUser {
  /** Our access token, already verified by the caller (its `gid` claim is grantId). */
  accessToken: string
  grantId: string
  /** Told the `request-id` of every Graph response (for the audit log). */
  onRequestId?: (requestId: string) => void
}

export function graphForUser(deps: GraphForUserDeps, user: VerifiedUser): GraphClient {
  return deps.clients.forUser({
    accessToken: async () => (await deps.tokens.graphToken(user.accessToken, user.grantId)).accessToken,
    onUnauthorized: () => deps.tokens.invalidate(user.grantId),
    ...(user.onRequestId ? { onRequestId: user.onRequestId } : {}),
  })
}
