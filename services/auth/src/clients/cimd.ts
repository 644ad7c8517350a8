// Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document; MCP authorization
// spec 2025-11-25 §"Client ID Metadata Documents"): a client_id that is an https URL names a JSON
// document the client hosts. We fetch it through the SSRF-safe fetch (no redirects, 200 only, size
// and time caps), require its `client_id` to equal the URL exactly (§4), refuse shared-secret
// material (§4.1) and any method but `none` (private_key_jwt is not supported here), and validate
// the rest with the injected metadata validator.
// Caching: see cache-lifetime.ts. Failures are remembered for a few seconds (failureTtlMs) so a
// broken or hostile URL cannot make every /authorize hit trigger a fetch; the draft's "MUST NOT
// cache error responses" is kept in that an error is never served as metadata and a fixed document
// is picked up once the marker lapses. Concurrent lookups of one URL share one fetch per process.
import type { Store } from '@m365mcp/store'
import { SafeFetchError } from '../net/safe-fetch-error.js'
import type { SafeFetch } from '../net/safe-fetch.js'
import { cacheLifetimeMs } from './cache-lifetime.js'
import { invalidClient } from './client-error.js'
import { checkClientIdUrl } from './client-id-url.js'
import type { ClientKeys } from './client-keys.js'
import type { CimdClient, ValidateMetadata } from './types.js'

export interface CimdResolverOptions {
  readonly store: Store
  readonly keys: ClientKeys
  readonly fetch: SafeFetch
  readonly validateMetadata: ValidateMetadata
  /** Byte cap of a document; default 5 KiB, the draft's recommendation ("Maximum Response Size"). */
  readonly maxBytes?: number
  /** Cache lifetime bounds; defaults 60 s, 24 h, and 5 min when no Cache-Control is sent. */
  readonly minTtlMs?: number
  readonly maxTtlMs?: number
  readonly defaultTtlMs?: number
  /** How long a failure is remembered; default 10 s, 0 disables. */
  readonly failureTtlMs?: number
}

export interface CimdResolver {
  /** The client of a URL client_id, or OAuthError `invalid_client` (401). */
  resolve(clientId: string): Promise<CimdClient>
}

const SECRET_FIELDS = ['client_secret', 'client_secret_expires_at']

// Public descriptions: what failed, never where it pointed (no addresses, no upstream text).
const FETCH_DESCRIPTIONS: Partial<Record<SafeFetchError['code'], string>> = {
  address_not_allowed: 'the client_id URL points to an address that is not allowed',
  redirect_refused: 'the client metadata document answered with a redirect',
  http_status: 'the client metadata document could not be retrieved',
  timeout: 'the client metadata document took too long to retrieve',
  too_large: 'the client metadata document is too large',
  content_type: 'the client metadata document is not served as JSON',
  invalid_json: 'the client metadata document is not valid JSON',
}

export function createCimdResolver(options: CimdResolverOptions): CimdResolver {
  const { store, keys, fetch, validateMetadata } = options
  const maxBytes = options.maxBytes ?? 5 * 1024
  const bounds = {
    minMs: options.minTtlMs ?? 60_000,
    maxMs: options.maxTtlMs ?? 24 * 60 * 60 * 1000,
    defaultMs: options.defaultTtlMs ?? 5 * 60_000,
  }
  const failureTtlMs = options.failureTtlMs ?? 10_000
  const inflight = new Map<string, Promise<CimdClient>>()

  function documentToClient(clientId: string, body: unknown): CimdClient {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidClient('the client metadata document is not a JSON object')
    }
    const document = body as Record<string, unknown>
    if (document.client_id !== clientId) {
      throw invalidClient('the client metadata document does not name this client_id')
    }
    if (SECRET_FIELDS.some((field) => field in document)) {
      throw invalidClient('the client metadata document must not contain a client secret')
    }
    const method = document.token_endpoint_auth_method ?? 'none'
    if (method !== 'none') {
      throw invalidClient('the client metadata document must use token_endpoint_auth_method none')
    }
    const validation = validateMetadata({ ...document, token_endpoint_auth_method: 'none' })
    if (!validation.ok) throw invalidClient(`invalid client metadata document: ${validation.description}`)
    if (validation.metadata.token_endpoint_auth_method !== 'none') {
      throw invalidClient('the client metadata document must use token_endpoint_auth_method none')
    }
    return { kind: 'cimd', clientId, metadata: validation.metadata, tokenEndpointAuthMethod: 'none' }
  }

  async function fetchClient(clientId: string): Promise<CimdClient> {
    let response
    try {
      response = await fetch(clientId, { maxBytes })
    } catch (error) {
      const description = error instanceof SafeFetchError ? FETCH_DESCRIPTIONS[error.code] : undefined
      throw invalidClient(description ?? 'the client metadata document could not be retrieved', error)
    }
    const client = documentToClient(clientId, response.body)
    const ttlMs = cacheLifetimeMs(response.headers['cache-control'], bounds)
    if (ttlMs !== null) {
      await store.set(keys.cimdDocument(clientId), JSON.stringify(client), { ttlMs })
    }
    return client
  }

  async function lookup(clientId: string): Promise<CimdClient> {
    const cached = await store.get(keys.cimdDocument(clientId))
    if (cached !== null) return JSON.parse(cached) as CimdClient
    if (failureTtlMs > 0 && (await store.get(keys.cimdFailure(clientId))) !== null) {
      throw invalidClient('the client metadata document failed recently; try again shortly')
    }
    try {
      return await fetchClient(clientId)
    } catch (error) {
      if (failureTtlMs > 0) await store.set(keys.cimdFailure(clientId), '1', { ttlMs: failureTtlMs })
      throw error
    }
  }

  return {
    async resolve(clientId) {
      const check = checkClientIdUrl(clientId)
      if (!check.ok) throw invalidClient(check.reason)
      const running = inflight.get(clientId)
      if (running !== undefined) return running
      const pending = lookup(clientId).finally(() => inflight.delete(clientId))
      inflight.set(clientId, pending)
      return pending
    },
  }
}
