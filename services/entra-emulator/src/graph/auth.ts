// Bearer token validation as Graph does it for delegated Entra v2 access tokens: RS256 signature by
// the tenant's key, exact tenant issuer, Graph audience, lifetime. Failures are Graph's 401
// `InvalidAuthenticationToken` with its WWW-Authenticate challenge (RFC 6750 §3).
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from 'jose'
import type { JWTPayload } from 'jose'
import { GRAPH_AUDIENCE } from '../entra/tenants.js'
import type { TenantKeys } from '../entra/keys.js'
import type { SeedTenant } from '../seed/types.js'
import { GraphError } from './errors.js'

/** Microsoft Graph's application id; Entra accepts it as the audience of Graph tokens too. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000'

/** Microsoft.IdentityModel's default clock skew, which Graph applies to exp and nbf. */
export const CLOCK_SKEW_SECONDS = 300

export interface GraphTokenClaims {
  oid: string
  tid: string
  /** Delegated permissions from `scp`, in the token's spelling. */
  scopes: readonly string[]
  /** The client the token was issued to (`appid`, or `azp` in v2 tokens without it). */
  appId: string
  raw: JWTPayload
}

export interface GraphTokenVerifier {
  /** Verifies the Authorization header value; throws a 401 GraphError. */
  verify(authorization: string | undefined): Promise<GraphTokenClaims>
  /** The 401 Graph answers for a token it refuses, with this message. */
  unauthorized(message: string): GraphError
}

export interface GraphTokenVerifierOptions {
  tenants: readonly SeedTenant[]
  keys: TenantKeys
  identityOrigin: string
  now: () => number
}

export function createGraphTokenVerifier(options: GraphTokenVerifierOptions): GraphTokenVerifier {
  const jwks = new Map(options.tenants.map((t) => [t.id, createLocalJWKSet(options.keys.publicJwks(t.id))]))
  const challenge =
    `Bearer realm="", authorization_uri="${options.identityOrigin}/common/oauth2/authorize", ` +
    `client_id="${GRAPH_APP_ID}"`
  const unauthorized = (message: string) =>
    new GraphError(401, 'InvalidAuthenticationToken', message, { 'www-authenticate': challenge })

  async function verify(authorization: string | undefined): Promise<GraphTokenClaims> {
    const match = /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(authorization ?? '')
    const token = match?.[1]
    if (!token) throw unauthorized('Access token is empty.')

    let unverified: JWTPayload
    try {
      unverified = decodeJwt(token)
    } catch {
      throw unauthorized('IDX14100: JWT is not well formed.')
    }
    // The tenant picks the key set and the issuer; it is only trusted once both check out.
    const tid = unverified.tid
    const keySet = typeof tid === 'string' ? jwks.get(tid) : undefined
    if (typeof tid !== 'string' || !keySet)
      throw unauthorized('Access token validation failure. Invalid issuer.')

    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(token, keySet, {
        algorithms: ['RS256'],
        issuer: `${options.identityOrigin}/${tid}/v2.0`,
        audience: [GRAPH_AUDIENCE, GRAPH_APP_ID],
        requiredClaims: ['exp', 'oid', 'tid'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        currentDate: new Date(options.now()),
      }))
    } catch (err) {
      throw unauthorized(describeFailure(err))
    }

    const { oid, scp, roles } = payload
    if (typeof oid !== 'string' || oid === '') throw unauthorized('Access token validation failure.')
    if (typeof scp !== 'string' && !Array.isArray(roles)) {
      throw unauthorized('Either scp or roles claim need to be present in the token.')
    }
    const appId =
      typeof payload.appid === 'string' ? payload.appid : typeof payload.azp === 'string' ? payload.azp : ''
    return {
      oid,
      tid,
      // The emulator grants no application permissions: an app-only token has no usable scopes.
      scopes: typeof scp === 'string' ? scp.split(' ').filter((s) => s !== '') : [],
      appId,
      raw: payload,
    }
  }

  return { verify, unauthorized }
}

function describeFailure(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'Lifetime validation failed, the token is expired.'
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'Lifetime validation failed, the token is not yet valid.'
    if (err.claim === 'aud') return 'Access token validation failure. Invalid audience.'
    if (err.claim === 'iss') return 'Access token validation failure. Invalid issuer.'
    return 'Access token validation failure.'
  }
  if (
    err instanceof joseErrors.JWSSignatureVerificationFailed ||
    err instanceof joseErrors.JWKSNoMatchingKey ||
    err instanceof joseErrors.JOSEAlgNotAllowed
  ) {
    return 'Access token validation failure. Invalid signature.'
  }
  return 'IDX14100: JWT is not well formed.'
}
