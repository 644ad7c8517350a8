// The auth service's grant-revoked channel (services/auth/src/store/keys.ts `events.grantRevoked`),
// under the REDIS_PREFIX both services share. Named here once so the two cannot drift silently:
// services/tools/test/graph/grant-revocations.test.ts publishes through the auth service itself.
export function grantRevokedChannel(redisPrefix: string): string {
  return `${redisPrefix}auth:events:grant-revoked`
}
