// The identity of one MCP request, taken only from our verified access token (never from headers a
// client chose, never from a legacy SSE session id). It travels through the SDK as `AuthInfo` so a
// tool call always sees the token of the request that carried it.
import type { VerifiedAccessToken } from '@m365mcp/access-token'
import type { AuthInfo } from '@modelcontextprotocol/server'

/** The verified access token of the request: the only identity a tool may use. */
export type Principal = VerifiedAccessToken

/** A principal and what the token exchange said about its grant, for one request. */
export interface Caller {
  readonly principal: Principal
  /**
   * Delegated Graph permissions granted to the grant (from the token exchange), or null when the
   * exchange could not be asked right now (the tool layer asks again and reports it per call).
   */
  readonly grantedScopes: readonly string[] | null
}

const CALLER = 'm365mcp.caller'

export function toAuthInfo(caller: Caller): AuthInfo {
  const { principal } = caller
  return {
    token: principal.token,
    clientId: principal.clientId,
    scopes: [...principal.scopes],
    expiresAt: principal.expiresAt,
    resource: new URL(principal.resource),
    extra: { [CALLER]: caller },
  }
}

/** The caller an `AuthInfo` built by `toAuthInfo` carries, or undefined. */
export function callerOf(authInfo: AuthInfo | undefined): Caller | undefined {
  const value = authInfo?.extra?.[CALLER]
  return isCaller(value) ? value : undefined
}

function isCaller(value: unknown): value is Caller {
  if (typeof value !== 'object' || value === null) return false
  const principal = (value as { principal?: unknown }).principal
  if (typeof principal !== 'object' || principal === null) return false
  const p = principal as Record<string, unknown>
  return typeof p.sub === 'string' && typeof p.grantId === 'string' && typeof p.token === 'string'
}
