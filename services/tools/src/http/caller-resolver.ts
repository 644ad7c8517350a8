// Who is calling, for one MCP request: the bearer token verified for the endpoint's resource, then
// the grant checked through the token exchange (cached per grant, dropped on the auth service's
// grant-revoked event). A grant that is gone answers 401 like an invalid token, so the client signs
// in again instead of receiving tool errors forever; an exchange that is merely unreachable does
// not block the request (ping and `add` need no Graph) and is reported by the tools that need it.
import {
  AccessTokenError,
  type BearerAuthenticator,
  type BearerRefusal,
  type McpResourcePath,
  type RequestLog,
} from '@m365mcp/access-token'
import type { Caller } from '../auth/principal.js'
import type { GraphTokenProvider } from '../graph/token-exchange-client.js'
import { TokenExchangeError } from '../graph/token-exchange-error.js'

export type CallerOutcome = { readonly ok: true; readonly caller: Caller } | BearerRefusal

export interface CallerResolver {
  resolve(authorization: string | undefined, path: McpResourcePath, log: RequestLog): Promise<CallerOutcome>
}

export function createCallerResolver(deps: {
  bearer: BearerAuthenticator
  tokens: GraphTokenProvider
}): CallerResolver {
  return {
    async resolve(authorization, path, log) {
      const outcome = await deps.bearer.authenticate(authorization, path, log)
      if (!outcome.ok) return outcome
      const { principal } = outcome
      try {
        const graph = await deps.tokens.graphToken(principal.token, principal.grantId)
        return { ok: true, caller: { principal, grantedScopes: graph.scopes } }
      } catch (error) {
        if (error instanceof TokenExchangeError && error.code === 'reauth_required') {
          log.info(
            { grantId: principal.grantId },
            'grant is no longer usable: asking the client to sign in again',
          )
          return deps.bearer.refuse(
            path,
            new AccessTokenError('invalid_token', 'The sign-in has ended; sign in again', { cause: error }),
          )
        }
        log.warn(
          { err: error, grantId: principal.grantId },
          'token exchange unavailable; continuing without it',
        )
        return { ok: true, caller: { principal, grantedScopes: null } }
      }
    },
  }
}
