// Dynamic Client Registration records (RFC 7591) in the store.
// - The server chooses `client_id` (`mcp_` + 128 random bits); anything a registrant sends as
//   client_id, client_secret or issue/expiry times is ignored (ATTACKS E39, RFC 9700 §4.15).
// - A secret (256 bits) only for secret methods, returned once, stored as sha256 only (G51);
//   `client_secret_expires_at: 0` = never (RFC 7591 §3.2.1).
// - Registrations expire when unused: the TTL slides on successful authentication, refreshed only
//   once less than half of it remains so use does not turn into a write per request.
import { randomToken, sha256, timingSafeEqualString } from '@m365mcp/crypto'
import type { Store } from '@m365mcp/store'
import { invalidClient, invalidClientMetadata } from './client-error.js'
import type { ClientKeys } from './client-keys.js'
import {
  isSecretMethod,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ClientCredentials,
  type ClientMetadata,
  type DcrClient,
  type ValidateMetadata,
} from './types.js'

export const DCR_CLIENT_ID = /^mcp_[A-Za-z0-9_-]{22}$/

// Fields RFC 7591 §3.2.1 reserves for the server's answer; a registrant never sets them.
const SERVER_ASSIGNED = [
  'client_id',
  'client_secret',
  'client_id_issued_at',
  'client_secret_expires_at',
  'registration_access_token',
  'registration_client_uri',
]

export interface ClientStoreOptions {
  readonly store: Store
  readonly keys: ClientKeys
  readonly validateMetadata: ValidateMetadata
  readonly now: () => number
  /** Lifetime of a registration nobody uses. Default 30 days. */
  readonly unusedTtlMs?: number
}

export interface Registration {
  readonly client: DcrClient
  /** The RFC 7591 §3.2.1 response body; holds the only copy of the plaintext secret. */
  readonly response: Readonly<Record<string, unknown>>
}

export interface ClientStore {
  register(raw: unknown): Promise<Registration>
  get(clientId: string): Promise<DcrClient | null>
  /** RFC 6749 §2.3 / §5.2: the registered method and secret, else `invalid_client` (401). */
  authenticate(clientId: string, credentials: ClientCredentials): Promise<DcrClient>
  /** Extends an unused-registration TTL that has run below half. */
  touch(clientId: string): Promise<void>
}

function withoutServerFields(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) }
  for (const field of SERVER_ASSIGNED) delete copy[field]
  return copy
}

function parseRecord(value: string): DcrClient {
  const record = JSON.parse(value) as DcrClient
  if (record.kind !== 'dcr' || typeof record.clientId !== 'string') throw new Error('corrupt DCR record')
  return record
}

export function createClientStore(options: ClientStoreOptions): ClientStore {
  const { store, keys, validateMetadata, now } = options
  const ttlMs = options.unusedTtlMs ?? 30 * 24 * 60 * 60 * 1000

  async function get(clientId: string): Promise<DcrClient | null> {
    if (!DCR_CLIENT_ID.test(clientId)) return null
    const value = await store.get(keys.dcrClient(clientId))
    return value === null ? null : parseRecord(value)
  }

  async function touch(clientId: string): Promise<void> {
    if (!DCR_CLIENT_ID.test(clientId)) return
    const key = keys.dcrClient(clientId)
    const left = await store.ttl(key)
    if (left !== null && left < ttlMs / 2) await store.expire(key, ttlMs)
  }

  return {
    get,
    touch,

    async register(raw) {
      const validation = validateMetadata(withoutServerFields(raw))
      if (!validation.ok) {
        throw invalidClientMetadata(validation.description, validation.error)
      }
      const metadata: ClientMetadata = validation.metadata
      const method = metadata.token_endpoint_auth_method
      if (!TOKEN_ENDPOINT_AUTH_METHODS.includes(method)) {
        throw invalidClientMetadata('token_endpoint_auth_method is not supported')
      }
      const clientId = `mcp_${randomToken(16)}`
      const issuedAt = Math.floor(now() / 1000)
      const secret = isSecretMethod(method) ? randomToken(32) : undefined
      const client: DcrClient =
        secret === undefined || !isSecretMethod(method)
          ? { kind: 'dcr', clientId, metadata, issuedAt, tokenEndpointAuthMethod: 'none' }
          : {
              kind: 'dcr',
              clientId,
              metadata,
              issuedAt,
              tokenEndpointAuthMethod: method,
              secretHash: sha256(secret),
            }
      const created = await store.set(keys.dcrClient(clientId), JSON.stringify(client), {
        ttlMs,
        ifAbsent: true,
      })
      // 128 random bits do not collide; if they ever did, refusing beats overwriting a client.
      if (!created) throw new Error('client_id collision')
      const response: Record<string, unknown> = {
        ...metadata,
        client_id: clientId,
        client_id_issued_at: issuedAt,
        ...(secret === undefined ? {} : { client_secret: secret, client_secret_expires_at: 0 }),
      }
      return { client, response }
    },

    async authenticate(clientId, credentials) {
      const client = await get(clientId)
      const presented = credentials.secret === undefined ? '' : sha256(credentials.secret)
      if (client === null) {
        // Same work as a real comparison, so an unknown id is not told apart by timing.
        timingSafeEqualString(presented, sha256(''))
        throw invalidClient('client authentication failed')
      }
      if (credentials.method !== client.tokenEndpointAuthMethod) {
        throw invalidClient('client authentication failed')
      }
      if (client.tokenEndpointAuthMethod === 'none') {
        if (credentials.secret !== undefined) throw invalidClient('client authentication failed')
      } else if (credentials.secret === undefined || !timingSafeEqualString(presented, client.secretHash)) {
        throw invalidClient('client authentication failed')
      }
      await touch(clientId)
      return client
    },
  }
}
