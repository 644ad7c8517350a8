// Signing keys, one RS256 key pair per tenant, made at start (like Entra's, they are per-run here).
// The identity side signs ID and access tokens with them; the Graph side verifies access tokens.
import { exportJWK, generateKeyPair } from 'jose'
import { randomUUID } from 'node:crypto'
import type { JWK } from 'jose'

export interface TenantKeys {
  /** Private JWK (with kid, alg, use) for oidc-provider's `jwks`. */
  privateJwk(tenantId: string): JWK
  /** Public JWK Set, as served at /{tenant}/discovery/v2.0/keys. */
  publicJwks(tenantId: string): { keys: JWK[] }
}

export async function createTenantKeys(tenantIds: readonly string[]): Promise<TenantKeys> {
  const byTenant = new Map<string, { priv: JWK; pub: JWK }>()
  for (const tid of tenantIds) {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
    const kid = randomUUID()
    const meta = { kid, alg: 'RS256', use: 'sig' }
    byTenant.set(tid, {
      priv: { ...(await exportJWK(privateKey)), ...meta },
      pub: { ...(await exportJWK(publicKey)), ...meta },
    })
  }
  const get = (tid: string) => {
    const k = byTenant.get(tid)
    if (!k) throw new Error(`unknown tenant ${tid}`)
    return k
  }
  return {
    privateJwk: (tid) => get(tid).priv,
    publicJwks: (tid) => ({ keys: [get(tid).pub] }),
  }
}
