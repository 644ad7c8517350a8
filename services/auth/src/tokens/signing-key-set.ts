// The shared signing key set as stored, and the pure rules of rotation without downtime
// (RFC 7517 §5 JWK Set, RFC 7638 thumbprint kids). A new key is published in the JWKS first and
// signs only from `activatesAt`, once every verifier's cached JWKS has had time to pick it up. A key
// is retired when a newer key activates, and stays published for `retentionMs` after that, so
// every token it signed expires before it disappears from the JWKS.
import { z } from 'zod'

export const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
})
export type PublicJwk = z.infer<typeof publicJwkSchema>

export const storedSigningKeySchema = z.object({
  kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  publicJwk: publicJwkSchema,
  /** The private JWK, encrypted with the keyring (associated data `signing-key:<kid>`). */
  privateJwk: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
  activatesAt: z.number().int().nonnegative(),
})
export type StoredSigningKey = z.infer<typeof storedSigningKeySchema>

export const signingKeySetSchema = z.object({
  v: z.literal(1),
  keys: z.array(storedSigningKeySchema).min(1).max(32),
})
export type SigningKeySet = z.infer<typeof signingKeySetSchema>

export const privateKeyAad = (kid: string) => `signing-key:${kid}`

const byActivation = (a: StoredSigningKey, b: StoredSigningKey) =>
  a.activatesAt - b.activatesAt || a.createdAt - b.createdAt || (a.kid < b.kid ? -1 : 1)

/** The key that signs at `now`: the most recently activated one. */
export function currentSigningKey(set: SigningKeySet, now: number): StoredSigningKey | undefined {
  return set.keys
    .filter((key) => key.activatesAt <= now)
    .sort(byActivation)
    .at(-1)
}

/** When `key` stopped signing: the activation of the next key, if that has happened by `now`. */
export function retiredAt(set: SigningKeySet, key: StoredSigningKey, now: number): number | undefined {
  const successor = set.keys
    .filter((other) => other !== key && byActivation(key, other) < 0 && other.activatesAt <= now)
    .sort(byActivation)[0]
  return successor?.activatesAt
}

/** Keys still published at `now`: pending, current, and retired less than `retentionMs` ago. */
export function liveSigningKeys(set: SigningKeySet, now: number, retentionMs: number): StoredSigningKey[] {
  return set.keys.filter((key) => {
    const retired = retiredAt(set, key, now)
    return retired === undefined || now < retired + retentionMs
  })
}

/** The most recently created key, pending or not: the age that decides whether rotation is due. */
export function newestSigningKey(set: SigningKeySet): StoredSigningKey {
  const [first, ...rest] = set.keys
  if (first === undefined) throw new Error('signing keys: empty key set')
  return rest.reduce((newest, key) => (key.createdAt > newest.createdAt ? key : newest), first)
}
