// Counts of token-endpoint requests, so tests can assert how often a relying party really called
// Entra (e.g. "50 concurrent exchanges refreshed the Graph token exactly once"). A request is
// counted once the client is authenticated and the grant type is one the endpoint serves (RFC 6749
// §4.1.3, §6), whatever the grant check answers afterwards: that is a request Entra processed for
// that app registration. Unauthenticated or malformed requests are not attributable and not counted.

export interface TokenStatsSnapshot {
  /** Every counted request. */
  total: number
  /** Per grant type, e.g. `{ refresh_token: 1, authorization_code: 2 }`. */
  byGrantType: Record<string, number>
  /** Per client id, then per grant type. */
  byClient: Record<string, Record<string, number>>
}

export interface TokenStats {
  record(clientId: string, grantType: string): void
  /** A copy: later requests do not change it. */
  snapshot(): TokenStatsSnapshot
}

export function createTokenStats(): TokenStats {
  const counts = new Map<string, Map<string, number>>()
  return {
    record(clientId, grantType) {
      const perClient = counts.get(clientId) ?? new Map<string, number>()
      perClient.set(grantType, (perClient.get(grantType) ?? 0) + 1)
      counts.set(clientId, perClient)
    },
    snapshot() {
      const snapshot: TokenStatsSnapshot = { total: 0, byGrantType: {}, byClient: {} }
      for (const [clientId, perClient] of counts) {
        const own: Record<string, number> = {}
        for (const [grantType, count] of perClient) {
          own[grantType] = count
          snapshot.byGrantType[grantType] = (snapshot.byGrantType[grantType] ?? 0) + count
          snapshot.total += count
        }
        snapshot.byClient[clientId] = own
      }
      return snapshot
    },
  }
}
