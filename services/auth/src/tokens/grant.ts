// A grant: one user's authorization of one client for one resource, the root every code, refresh
// token and access token (`gid`) hangs from. Revoking it revokes all of them. The user's Entra
// tokens travel with it only as a keyring envelope bound to the grant id (associated data), so a
// ciphertext copied onto another grant does not open.
import { z } from 'zod'

export const entraTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Epoch ms when the Entra access token expires. */
  expiresAt: z.number().int().nonnegative(),
  /** Space-separated scopes Entra granted. */
  scope: z.string(),
})
export type EntraTokens = z.infer<typeof entraTokensSchema>

export const grantProfileSchema = z.object({
  name: z.string().max(256),
  preferredUsername: z.string().max(256),
  email: z.string().max(320).optional(),
})
export type GrantProfile = z.infer<typeof grantProfileSchema>

/** Entra app roles and group ids from the sign-in's ID token, carried into every access token. */
export const grantDirectorySchema = z.object({
  roles: z.array(z.string().min(1).max(512)).min(1).max(256).optional(),
  groups: z.array(z.string().min(1).max(512)).min(1).max(256).optional(),
})
export type GrantDirectory = z.infer<typeof grantDirectorySchema>

export const grantSchema = z.object({
  id: z.string().regex(/^grt_[A-Za-z0-9_-]{22}$/),
  /** Our user id: `usr_` + sha256(`${tid}:${oid}`), never the email (ATTACKS C23). */
  sub: z.string().min(1),
  tid: z.string().min(1),
  oid: z.string().min(1),
  clientId: z.string().min(1),
  /** Space-separated scope the user consented to; refreshes may only narrow it. */
  scope: z.string(),
  /** RFC 8707 resource, the `aud` of every access token of this grant. */
  resource: z.string().min(1),
  createdAt: z.number().int().nonnegative(),
  /** Absolute end of the grant (createdAt + absolute lifetime); idle expiry is the store TTL. */
  expiresAt: z.number().int().nonnegative(),
  /** Keyring envelope of EntraTokens, associated data `grant:<id>`. */
  entra: z.string().min(1),
  profile: grantProfileSchema,
  /** Absent on grants stored before roles and groups were carried: such tokens carry neither. */
  directory: grantDirectorySchema.optional(),
})
export type Grant = z.infer<typeof grantSchema>

export const entraAad = (grantId: string) => `grant:${grantId}`
