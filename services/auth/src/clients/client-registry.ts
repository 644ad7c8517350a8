// One entry point for "who is this client_id": URL ids are Client ID Metadata Documents, anything
// else a DCR registration (CIMD draft §7.1: our generated ids never start with https://). Routes
// call this rather than the two sources, so both kinds get the same checks.
import { invalidClient } from './client-error.js'
import type { CimdResolver } from './cimd.js'
import { isClientIdUrl } from './client-id-url.js'
import type { ClientStore } from './client-store.js'
import type { ClientCredentials, ResolvedClient } from './types.js'

export interface ClientRegistry {
  /** The client, or OAuthError `invalid_client` (401) when unknown or its document is unusable. */
  resolveClient(clientId: string): Promise<ResolvedClient>
  /** RFC 6749 §2.3: authenticates a token-endpoint caller; `invalid_client` (401) on any mismatch. */
  authenticateClient(clientId: string, credentials: ClientCredentials): Promise<ResolvedClient>
}

export function createClientRegistry(deps: { clients: ClientStore; cimd: CimdResolver }): ClientRegistry {
  return {
    async resolveClient(clientId) {
      if (isClientIdUrl(clientId)) return deps.cimd.resolve(clientId)
      const client = await deps.clients.get(clientId)
      if (client === null) throw invalidClient('unknown client')
      return client
    },

    async authenticateClient(clientId, credentials) {
      if (!isClientIdUrl(clientId)) return deps.clients.authenticate(clientId, credentials)
      const client = await deps.cimd.resolve(clientId)
      // A metadata document cannot share a secret (CIMD draft §4.1): public clients only.
      if (credentials.method !== 'none' || credentials.secret !== undefined) {
        throw invalidClient('client authentication failed')
      }
      return client
    },
  }
}
