// Claims of our JWT access tokens (RFC 9068 §2.2). Beyond the registered claims we add `gid`, the
// grant id (our claim, not registered: it lets the token exchange find the user's Entra tokens and
// lets caches drop tokens of a revoked grant), and an optional bag of Entra-derived claims for tool
// policies (`tid`, `roles`, `groups`, …) whose names may never shadow a claim with a meaning here.
import { z } from 'zod'

/** Claim names an `extra` bag can never set: registered JWT/OAuth claims and our own. */
const RESERVED = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'client_id',
  'scope',
  'gid',
  'auth_time',
  'acr',
  'amr',
  'cnf',
  'act',
  'may_act',
  'azp',
  'sid',
  'typ',
  'nonce',
])
const EXTRA_NAME = /^[a-z][a-z0-9_]{0,39}$/
const MAX_EXTRA_CLAIMS = 16
const MAX_ARRAY = 256
const MAX_STRING = 512

const extraValue = z.union([
  z.string().max(MAX_STRING),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(MAX_STRING)).max(MAX_ARRAY),
])
export type ExtraClaimValue = z.infer<typeof extraValue>
export type ExtraClaims = Readonly<Record<string, ExtraClaimValue>>

/** Validates an extra-claims bag; TypeError names the first offending claim. */
export function checkExtraClaims(extra: unknown): ExtraClaims {
  if (extra === undefined) return {}
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra)) {
    throw new TypeError('access token: extra claims must be an object')
  }
  const entries = Object.entries(extra)
  if (entries.length > MAX_EXTRA_CLAIMS) throw new TypeError('access token: too many extra claims')
  for (const [name, value] of entries) {
    if (!EXTRA_NAME.test(name) || RESERVED.has(name)) {
      throw new TypeError(`access token: extra claim name "${name.slice(0, 40)}" is not allowed`)
    }
    if (!extraValue.safeParse(value).success) {
      throw new TypeError(`access token: extra claim "${name}" must be a string, number, boolean or string[]`)
    }
  }
  return extra as ExtraClaims
}

/** What a verified access token carries. */
export const accessTokenClaimsSchema = z
  .object({
    iss: z.string().min(1),
    aud: z.string().min(1),
    sub: z.string().min(1),
    client_id: z.string().min(1),
    scope: z.string(),
    gid: z.string().min(1),
    jti: z.string().min(1),
    iat: z.number().int(),
    exp: z.number().int(),
    nbf: z.number().int().optional(),
  })
  .catchall(z.unknown())
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>
