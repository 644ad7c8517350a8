// The upstream (Entra) leg of one sign-in, stored only after consent: the pending authorization,
// the Entra state, nonce and PKCE verifier, and the browser binding. Keyed by the sha256 of the
// Entra state, single use (take), 10 minutes (ATTACKS C20); the value is encrypted because it
// holds the Entra PKCE verifier.
import { sha256, type Keyring } from '@m365mcp/crypto'
import type { Store } from '@m365mcp/store'
import { z } from 'zod'
import type { Keys } from '../store/keys.js'
import { pendingAuthorizationSchema } from './authorize-requests.js'

const transactionSchema = z.object({
  pending: pendingAuthorizationSchema,
  entra: z.object({ state: z.string().min(1), nonce: z.string().min(1), codeVerifier: z.string().min(1) }),
})

export type UpstreamTransaction = z.infer<typeof transactionSchema>

export const UPSTREAM_TRANSACTION_TTL_MS = 10 * 60_000
const MAX_STATE = 512

export function createUpstreamTransactions(deps: {
  store: Store
  keys: Pick<Keys, 'upstreamTransaction'>
  keyring: Keyring
}) {
  const { store, keys, keyring } = deps
  const aad = (stateHash: string) => `upstream-tx:${stateHash}`
  return {
    async save(transaction: UpstreamTransaction): Promise<void> {
      const hash = sha256(transaction.entra.state)
      const sealed = keyring.encrypt(JSON.stringify(transaction), aad(hash))
      const stored = await store.set(keys.upstreamTransaction(hash), sealed, {
        ttlMs: UPSTREAM_TRANSACTION_TTL_MS,
        ifAbsent: true,
      })
      if (!stored) throw new Error('upstream state collision')
    },
    /** The transaction for this state, once; null when unknown, expired or already used. */
    async take(state: string): Promise<UpstreamTransaction | null> {
      if (state.length === 0 || state.length > MAX_STATE) return null
      const hash = sha256(state)
      const sealed = await store.take(keys.upstreamTransaction(hash))
      if (sealed === null) return null
      try {
        const parsed = transactionSchema.safeParse(JSON.parse(keyring.decrypt(sealed, aad(hash))))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
  }
}

export type UpstreamTransactions = ReturnType<typeof createUpstreamTransactions>
