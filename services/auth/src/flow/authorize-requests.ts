// An authorization request between /authorize and the user's consent decision. Stored after the
// client and redirect URI were validated, by a random id the consent form posts back, single use,
// 10 minutes, bound to the browser that saw the page (hash of the binding cookie).
import { randomToken } from '@m365mcp/crypto'
import type { Store } from '@m365mcp/store'
import { z } from 'zod'
import type { Keys } from '../store/keys.js'

export const pendingAuthorizationSchema = z.object({
  clientId: z.string().min(1),
  redirectUri: z.string().min(1),
  redirectUriInRequest: z.boolean(),
  state: z.string().optional(),
  codeChallenge: z.string().min(1),
  scopes: z.array(z.string()),
  resource: z.string().min(1),
  bindingHash: z.string().min(1),
  createdAt: z.number().int(),
})

export type PendingAuthorization = z.infer<typeof pendingAuthorizationSchema>

export const AUTHORIZE_REQUEST_TTL_MS = 10 * 60_000

export function createAuthorizeRequests({
  store,
  keys,
}: {
  store: Store
  keys: Pick<Keys, 'authorizeRequest'>
}) {
  return {
    async save(request: PendingAuthorization): Promise<string> {
      const id = randomToken(16)
      await store.set(keys.authorizeRequest(id), JSON.stringify(request), { ttlMs: AUTHORIZE_REQUEST_TTL_MS })
      return id
    },
    /** The request, once: a second decision for the same id finds nothing. */
    async take(id: string): Promise<PendingAuthorization | null> {
      if (!/^[A-Za-z0-9_-]{22}$/.test(id)) return null
      const raw = await store.take(keys.authorizeRequest(id))
      if (raw === null) return null
      const parsed = pendingAuthorizationSchema.safeParse(JSON.parse(raw))
      return parsed.success ? parsed.data : null
    },
  }
}

export type AuthorizeRequests = ReturnType<typeof createAuthorizeRequests>
