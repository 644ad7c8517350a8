// The one builder of every Store key and pub/sub channel of the auth service (STYLE §9). Each
// entry is documented in docs/storage-schema.md: add a key here and there together, never build
// a key string anywhere else. Secrets never appear in a key: codes and tokens are addressed by
// their sha256, so a key listing leaks nothing usable.

import { sha256 } from '@m365mcp/crypto'
import { createClientKeys } from '../clients/client-keys.js'

/** A key segment: non-empty, no separator, whitespace or Redis glob characters. */
const SEGMENT = /^[A-Za-z0-9_.\-~]{1,256}$/
/** The service namespace: ends with ':' so keys of different owners never collide. */
const PREFIX = /^([A-Za-z0-9_.-]+:)+$/

function segment(value: string, name: string): string {
  if (typeof value !== 'string' || !SEGMENT.test(value)) {
    throw new TypeError(`keys: ${name} must be 1–256 characters of A–Z a–z 0–9 _ . - ~`)
  }
  return value
}

/** A window number of a fixed-window counter (store/fixed-window.ts). */
function windowSegment(window: number): string {
  if (!Number.isSafeInteger(window) || window < 0) throw new TypeError('keys: window must be an integer ≥ 0')
  return String(window)
}

/** Keys of the auth service under `prefix` (default `auth:`); the store may add its own prefix. */
export function createKeys(prefix = 'auth:') {
  if (!PREFIX.test(prefix)) throw new TypeError('keys: prefix must look like "auth:" or "m365:auth:"')
  const key = (...parts: string[]) => prefix + parts.join(':')

  return Object.freeze({
    prefix,

    // Signing keys (tokens/signing-keys.ts): one JSON document, rewritten by compare-and-set.
    signingKeys: () => key('signing-keys'),
    signingKeysLock: () => key('lock', 'signing-keys'),

    // Grants (tokens/grant-store.ts) and their indexes.
    grant: (grantId: string) => key('grant', segment(grantId, 'grantId')),
    userGrants: (sub: string) => key('user-grants', segment(sub, 'sub')),
    grantCodes: (grantId: string) => key('grant-codes', segment(grantId, 'grantId')),
    grantRefreshTokens: (grantId: string) => key('grant-rts', segment(grantId, 'grantId')),

    // Authorization codes and refresh tokens, addressed by sha256 (base64url) of the secret.
    code: (codeHash: string) => key('code', segment(codeHash, 'codeHash')),
    refreshToken: (tokenHash: string) => key('rt', segment(tokenHash, 'tokenHash')),

    // The Entra refresh of one grant runs under this lock: single flight across replicas.
    entraRefreshLock: (grantId: string) => key('lock', 'entra-refresh', segment(grantId, 'grantId')),

    // An authorization request between /authorize and the consent decision, by random id.
    authorizeRequest: (requestId: string) => key('authz-req', segment(requestId, 'requestId')),
    // The upstream (Entra) transaction between consent and /callback, by sha256 of its state.
    upstreamTransaction: (stateHash: string) => key('upstream-tx', segment(stateHash, 'stateHash')),

    // Failed grants and client authentications at /token and /revoke (tokens/failed-grant-limits.ts),
    // one counter per fixed window. The client_id (client-chosen text, possibly a URL) and the source
    // bucket (an IPv4 address or IPv6 /64: personal data) are addressed by their sha256.
    grantFailuresByClient: (clientId: string, window: number) =>
      key('grant-fail', 'client', sha256(clientId), windowSegment(window)),
    grantFailuresBySource: (sourceBucket: string, window: number) =>
      key('grant-fail', 'ip', sha256(sourceBucket), windowSegment(window)),

    // DCR registrations, CIMD cache and registration rate limits (clients/client-keys.ts).
    clients: createClientKeys(prefix),

    channels: Object.freeze({
      /** A rotation or pruning of the signing key set: replicas reload it. */
      signingKeysChanged: () => key('events', 'signing-keys-changed'),
      /** A revoked grant `{ grantId, sub, clientId }`: caches drop what they hold for it. */
      grantRevoked: () => key('events', 'grant-revoked'),
    }),
  })
}

export type Keys = ReturnType<typeof createKeys>
