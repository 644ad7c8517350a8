// Validation of our access tokens on every request (at the gateway, and again in the tools service):
// RFC 9068 §4 — `typ` at+jwt, ES256 only, `iss` exactly our issuer, `aud` exactly the resource of
// the endpoint being called, `exp`/`nbf` with a small leeway. Keys come from the auth service's
// JWKS, cached; a token with an unknown `kid` refetches the set at most once per cooldown, so a
// flood of made-up kids cannot hammer the auth service.
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose'
import { z } from 'zod'
import { AccessTokenError } from './access-token-error.js'
import type { VerifiedAccessToken } from './verified-access-token.js'

export interface AccessTokenVerifierOptions {
  /** The issuer, exactly as the auth service's metadata `issuer` (the public origin). */
  issuer: string
  /** Where the signing keys are published (the auth service's `/jwks.json`). */
  jwksUrl: string
  /** Minimum time between two JWKS fetches caused by unknown kids (default 30 s). */
  jwksCooldownMs?: number
  /** A fetched key set is refetched after this long even when every kid is known (default 10 min). */
  jwksMaxAgeMs?: number
  /** Abort a JWKS fetch after this long (default 5 s). */
  jwksTimeoutMs?: number
  /** Clock skew tolerated on `exp`/`nbf`/`iat` (default 30 s). */
  clockToleranceSeconds?: number
  fetch?: typeof fetch
  now?: () => number
}

export interface AccessTokenVerifier {
  /** Verifies `token` for `resource` (the endpoint's URL); throws AccessTokenError. */
  verify(token: string, resource: string): Promise<VerifiedAccessToken>
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  client_id: z.string().min(1).max(2048),
  scope: z.string().max(2048),
  gid: z.string().min(1).max(200),
  exp: z.number().int(),
  roles: z.array(z.string().max(512)).max(256).optional(),
  groups: z.array(z.string().max(512)).max(256).optional(),
})

const MAX_TOKEN_LENGTH = 8192

export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const now = options.now ?? Date.now
  const doFetch = options.fetch
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksMaxAgeMs ?? 600_000,
    timeoutDuration: options.jwksTimeoutMs ?? 5_000,
    ...(doFetch ? { [customFetch]: doFetch } : {}),
  })
  const clockTolerance = options.clockToleranceSeconds ?? 30

  return {
    async verify(token, resource) {
      if (token.length === 0 || token.length > MAX_TOKEN_LENGTH || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
        throw new AccessTokenError('invalid_token', 'The access token is malformed')
      }
      let payload: JWTPayload
      try {
        ;({ payload } = await jwtVerify(token, jwks, {
          issuer: options.issuer,
          audience: resource,
          typ: 'at+jwt',
          algorithms: ['ES256'],
          clockTolerance,
          currentDate: new Date(now()),
          requiredClaims: ['exp', 'iat', 'sub', 'aud', 'iss'],
        }))
      } catch (error) {
        throw classify(error)
      }
      const claims = claimsSchema.safeParse(payload)
      if (!claims.success) throw new AccessTokenError('invalid_token', 'The access token is malformed')
      // jose checks `iat` only with maxTokenAge; a token minted in the future is forged or from a
      // clock we must not trust (RFC 7519 §4.1.6, ATTACKS F41).
      if (typeof payload.iat !== 'number' || payload.iat > now() / 1000 + clockTolerance)
        throw new AccessTokenError('invalid_token', 'The access token has an invalid "iat" claim')
      // jose accepts an `aud` array containing the resource; ours is always one string, so insist.
      if (payload.aud !== resource)
        throw new AccessTokenError('invalid_token', 'The access token is not for this resource')
      const c = claims.data
      return {
        token,
        sub: c.sub,
        clientId: c.client_id,
        grantId: c.gid,
        scopes: c.scope.split(' ').filter(Boolean),
        resource,
        expiresAt: c.exp,
        roles: c.roles ?? [],
        groups: c.groups ?? [],
      }
    },
  }
}

function classify(error: unknown): AccessTokenError {
  if (error instanceof errors.JWTExpired)
    return new AccessTokenError('invalid_token', 'The access token expired', { cause: error })
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what = error.claim === 'aud' ? 'is not for this resource' : `has an invalid "${error.claim}" claim`
    return new AccessTokenError('invalid_token', `The access token ${what}`, { cause: error })
  }
  if (error instanceof errors.JWKSTimeout || isFetchFailure(error))
    return new AccessTokenError('temporarily_unavailable', 'The signing keys could not be fetched', {
      cause: error,
    })
  if (error instanceof errors.JOSEError)
    return new AccessTokenError('invalid_token', 'The access token is invalid', { cause: error })
  return new AccessTokenError('temporarily_unavailable', 'The access token could not be checked', {
    cause: error,
  })
}

function isFetchFailure(error: unknown): boolean {
  // jose rethrows fetch's TypeError ("fetch failed") and a non-200 JWKS answer as a JOSEError
  // without a dedicated class; both mean the key server, not the token, is at fault.
  if (error instanceof TypeError) return true
  return error instanceof errors.JOSEError && /Expected 200 OK/.test(error.message)
}
