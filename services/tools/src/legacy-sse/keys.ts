// Every store key and channel of the legacy SSE transport (STYLE §9), listed in
// docs/storage-schema.md "tools service: legacy SSE sessions". `prefix` is the service's own
// (e.g. `${REDIS_PREFIX}tools:`); session ids and replica ids are single key segments.
export interface LegacySseKeys {
  /** Registry entry of one SSE session: which replica holds its stream and for whom. */
  session(sessionId: string): string
  /** Where other replicas relay the POSTed messages of the sessions `replicaId` holds. */
  replicaChannel(replicaId: string): string
}

export function createLegacySseKeys(prefix: string): LegacySseKeys {
  return {
    session: (sessionId) => `${prefix}sse:session:${sessionId}`,
    replicaChannel: (replicaId) => `${prefix}sse:replica:${replicaId}`,
  }
}
