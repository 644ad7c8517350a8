// What a verified access token says, and nothing else: the identity of a request comes only from
// here (never from headers a client chose, never from a session id).
export interface VerifiedAccessToken {
  /** The token as verified (sent on to the token exchange; never logged). */
  readonly token: string
  /** Our user id (`sub`, `usr_…`), stable per Entra tenant + object id. */
  readonly sub: string
  readonly clientId: string
  readonly grantId: string
  /** OAuth scopes of our token (`mcp`), not Graph permissions. */
  readonly scopes: readonly string[]
  /** The resource (audience) the token was issued for. */
  readonly resource: string
  /** Epoch seconds. */
  readonly expiresAt: number
  /** Entra app roles and group ids carried in the token, for tool policies. */
  readonly roles: readonly string[]
  readonly groups: readonly string[]
}
