// Verification of our access tokens (RFC 9068 §4): ES256 only (no `none`, no HMAC with the public
// key as secret), `typ` must be `at+jwt`, `iss` and `aud` exact, `kid` required and looked up only
// in our own JWKS (`jku`/`x5u` never followed). Failures are `invalid_token` (RFC 6750 §3.1).
import { createLocalJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import { accessTokenClaimsSchema, type AccessTokenClaims } from './access-token-claims.js'
import type { SigningKeys } from './signing-keys.js'

export type AccessTokenFailure = 'malformed' | 'expired' | 'signature' | 'claims' | 'unknown_key'

export class AccessTokenError extends Error {
  override readonly name = 'AccessTokenError'
  readonly error = 'invalid_token'
  readonly status = 401
  readonly description = 'The access token is invalid or expired.'
  constructor(
    readonly reason: AccessTokenFailure,
    options?: { cause?: unknown },
  ) {
    super(`invalid_token: ${reason}`, options)
  }
}

export interface AccessTokenVerifierOptions {
  signingKeys: Pick<SigningKeys, 'jwks' | 'refresh'>
  issuer: string
  now?: () => number
  /** Leeway for exp/nbf/iat between replicas' clocks (default 30 s). */
  clockToleranceSec?: number
  /** An unknown kid triggers at most one key reload per this interval (default 5 s). */
  unknownKidRefreshMs?: number
}

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions) {
  const { signingKeys, issuer } = options
  const now = options.now ?? Date.now
  const clockTolerance = options.clockToleranceSec ?? 30
  const unknownKidRefreshMs = options.unknownKidRefreshMs ?? 5_000
  let cached: { kids: string; getKey: JWTVerifyGetKey } | undefined
  let lastRefresh = -Infinity

  function keySet(): JWTVerifyGetKey {
    const jwks = signingKeys.jwks()
    const kids = jwks.keys.map((key) => key.kid).join(' ')
    if (cached?.kids !== kids) cached = { kids, getKey: createLocalJWKSet(jwks) }
    const { getKey } = cached
    return (header, token) => {
      if (typeof header.kid !== 'string') throw new AccessTokenError('malformed')
      return getKey(header, token)
    }
  }

  async function attempt(token: string, audience: string) {
    return jwtVerify(token, keySet(), {
      algorithms: ['ES256'],
      typ: 'at+jwt',
      issuer,
      audience,
      clockTolerance,
      currentDate: new Date(now()),
      requiredClaims: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti'],
    })
  }

  return {
    /** The token's claims, or AccessTokenError. `audience` is the resource this caller serves. */
    async verify(token: string, { audience }: { audience: string }): Promise<AccessTokenClaims> {
      if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
        throw new AccessTokenError('malformed')
      }
      let result: Awaited<ReturnType<typeof attempt>>
      try {
        result = await attempt(token, audience)
      } catch (error) {
        // A key minted by another replica we have not loaded yet: reload once, rate limited.
        if (!(error instanceof errors.JWKSNoMatchingKey) || now() - lastRefresh < unknownKidRefreshMs) {
          throw toAccessTokenError(error)
        }
        lastRefresh = now()
        await signingKeys.refresh()
        try {
          result = await attempt(token, audience)
        } catch (retryError) {
          throw toAccessTokenError(retryError)
        }
      }
      // jose accepts an `aud` array containing the audience; we mint a single string and require it.
      const claims = accessTokenClaimsSchema.safeParse(result.payload)
      if (!claims.success || claims.data.aud !== audience) throw new AccessTokenError('claims')
      return claims.data
    },
  }
}

export type AccessTokenVerifier = ReturnType<typeof createAccessTokenVerifier>

function toAccessTokenError(error: unknown): AccessTokenError {
  if (error instanceof AccessTokenError) return error
  if (error instanceof errors.JWTExpired) return new AccessTokenError('expired', { cause: error })
  if (error instanceof errors.JWKSNoMatchingKey) return new AccessTokenError('unknown_key', { cause: error })
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new AccessTokenError('signature', { cause: error })
  if (error instanceof errors.JWTClaimValidationFailed)
    return new AccessTokenError('claims', { cause: error })
  return new AccessTokenError('malformed', { cause: error })
}
