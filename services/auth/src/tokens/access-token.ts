// Minting of our JWT access tokens, RFC 9068 (JWT Profile for OAuth 2.0 Access Tokens): header
// `typ: at+jwt` (§2.1), ES256 with the shared signing key's `kid`, `aud` exactly the RFC 8707
// resource the grant was bound to, `sub` our user id (never an email), short lifetime.
import { randomToken } from '@m365mcp/crypto'
import { SignJWT } from 'jose'
import { checkExtraClaims, type ExtraClaims } from './access-token-claims.js'
import type { SigningKeys } from './signing-keys.js'

export interface AccessTokenIssuerOptions {
  signingKeys: Pick<SigningKeys, 'signingKey'>
  /** The public origin, exactly as in the RFC 8414 metadata `issuer`. */
  issuer: string
  /** Lifetime (default 10 minutes). */
  ttlMs?: number
  now?: () => number
}

export interface MintAccessTokenInput {
  sub: string
  clientId: string
  /** Space-separated scope granted to this token. */
  scope: string
  /** The resource (RFC 8707) the token is for; becomes `aud` verbatim. */
  resource: string
  grantId: string
  /** Entra-derived claims for tool policies, e.g. { tid, roles, groups }. */
  extra?: ExtraClaims
}

export interface MintedAccessToken {
  token: string
  jti: string
  /** Seconds, for the token response's `expires_in`. */
  expiresIn: number
  /** Epoch ms. */
  expiresAt: number
}

export const DEFAULT_ACCESS_TOKEN_TTL_MS = 10 * 60_000

export function createAccessTokenIssuer(options: AccessTokenIssuerOptions) {
  const { signingKeys, issuer } = options
  const now = options.now ?? Date.now
  const ttlMs = options.ttlMs ?? DEFAULT_ACCESS_TOKEN_TTL_MS
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1000) throw new RangeError('access token: ttlMs must be ≥ 1000')
  if (!isOrigin(issuer))
    throw new TypeError('access token: issuer must be an origin such as https://mcp.example.com')
  const expiresIn = Math.floor(ttlMs / 1000)

  return {
    ttlMs,
    async mint(input: MintAccessTokenInput): Promise<MintedAccessToken> {
      for (const name of ['sub', 'clientId', 'resource', 'grantId'] as const) {
        if (typeof input[name] !== 'string' || input[name] === '')
          throw new TypeError(`access token: ${name} is required`)
      }
      if (typeof input.scope !== 'string') throw new TypeError('access token: scope must be a string')
      if (!URL.canParse(input.resource)) throw new TypeError('access token: resource must be an absolute URI')
      const extra = checkExtraClaims(input.extra)
      const { kid, privateKey } = signingKeys.signingKey()
      const iat = Math.floor(now() / 1000)
      const jti = randomToken(16)
      const token = await new SignJWT({
        ...extra,
        client_id: input.clientId,
        scope: input.scope,
        gid: input.grantId,
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
        .setIssuer(issuer)
        .setAudience(input.resource)
        .setSubject(input.sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + expiresIn)
        .setJti(jti)
        .sign(privateKey)
      return { token, jti, expiresIn, expiresAt: (iat + expiresIn) * 1000 }
    },
  }
}

export type AccessTokenIssuer = ReturnType<typeof createAccessTokenIssuer>

function isOrigin(value: string): boolean {
  return URL.canParse(value) && new URL(value).origin === value
}
