// Client authentication at Entra's token endpoint: the app's secret in the body (client_secret_post)
// or in HTTP Basic (client_secret_basic, RFC 6749 §2.3.1), or a JWT signed with its certificate key
// (private_key_jwt, RFC 7523 §2.2 / OIDC Core §9) whose `aud` is the token endpoint. A public client
// presents none. One method per request (RFC 6749 §2.3).
import { createHash, timingSafeEqual } from 'node:crypto'
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose'
import type { JWK, JWTPayload } from 'jose'
import { aadsts } from './aadsts.js'
import type { EntraError } from './entra-error.js'
import { isConfidential } from './clients.js'
import type { ClientRegistry, RegisteredClient } from './clients.js'
import type { SeedTenant } from '../seed/types.js'

export type ClientAuthMethod = 'client_secret_post' | 'client_secret_basic' | 'private_key_jwt' | 'none'
export type ClientAuthResult =
  { ok: true; client: RegisteredClient; method: ClientAuthMethod } | { ok: false; error: EntraError }

export interface ClientAuthInput {
  body: URLSearchParams
  authorization: string | undefined
  tenant: SeedTenant
  clients: ClientRegistry
  tokenEndpoint: string
  now: number
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const ASSERTION_ALGS = new Set(['RS256', 'PS256'])
/** Microsoft.IdentityModel's default clock skew. */
const SKEW_SECONDS = 300

const fail = (error: EntraError): ClientAuthResult => ({ ok: false, error })

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before base64. */
function parseBasic(header: string | undefined): { id: string; secret: string } | null | undefined {
  if (header === undefined) return undefined
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim())
  if (!match?.[1]) return null
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  try {
    const formDecode = (v: string) => decodeURIComponent(v.replaceAll('+', ' '))
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) }
  } catch {
    return null
  }
}

export async function authenticateClient(input: ClientAuthInput): Promise<ClientAuthResult> {
  const basic = parseBasic(input.authorization)
  if (basic === null) return fail(aadsts.malformed('invalid_client'))
  const bodyId = input.body.get('client_id') ?? undefined
  const bodySecret = input.body.get('client_secret') ?? undefined
  const assertion = input.body.get('client_assertion') ?? undefined
  const presented = [basic, bodySecret, assertion].filter((m) => m !== undefined).length
  if (presented > 1) return fail(aadsts.malformed())

  let assertionClaims: JWTPayload | undefined
  if (assertion !== undefined) {
    try {
      assertionClaims = decodeJwt(assertion)
    } catch {
      return fail(aadsts.assertionMalformed())
    }
  }
  const assertionId = typeof assertionClaims?.sub === 'string' ? assertionClaims.sub : undefined
  const clientId = basic?.id ?? bodyId ?? assertionId
  if (!clientId) return fail(aadsts.missingParameter('client_id'))
  if (basic && bodyId !== undefined && bodyId !== basic.id) return fail(aadsts.malformed())
  const client = input.clients.get(input.tenant.id, clientId)
  if (!client) return fail(aadsts.unknownClient(clientId, input.tenant.name))

  const secret = basic?.secret ?? bodySecret
  if (secret !== undefined) {
    if (!isConfidential(client)) return fail(aadsts.publicClientCredential())
    if (client.clientSecret === undefined || !sameSecret(secret, client.clientSecret)) {
      return fail(aadsts.invalidClientSecret(client.clientId))
    }
    return { ok: true, client, method: basic ? 'client_secret_basic' : 'client_secret_post' }
  }
  if (assertion !== undefined && assertionClaims !== undefined) {
    if (input.body.get('client_assertion_type') !== JWT_BEARER)
      return fail(aadsts.missingParameter('client_assertion_type'))
    if (!isConfidential(client)) return fail(aadsts.publicClientCredential())
    if (bodyId !== undefined && bodyId !== assertionId) return fail(aadsts.assertionIssuer())
    const error = await verifyAssertion(assertion, assertionClaims, client, input)
    return error ? fail(error) : { ok: true, client, method: 'private_key_jwt' }
  }
  if (isConfidential(client)) return fail(aadsts.missingClientCredential())
  return { ok: true, client, method: 'none' }
}

async function verifyAssertion(
  assertion: string,
  claims: JWTPayload,
  client: RegisteredClient,
  input: ClientAuthInput,
): Promise<EntraError | undefined> {
  const header = decodeProtectedHeader(assertion)
  if (typeof header.alg !== 'string' || !ASSERTION_ALGS.has(header.alg)) return aadsts.assertionSignature()
  if (!(await signedByClient(assertion, header, client.jwks?.keys ?? []))) return aadsts.assertionSignature()
  if (claims.iss !== client.clientId || claims.sub !== client.clientId) return aadsts.assertionIssuer()
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  if (!audiences.includes(input.tokenEndpoint)) return aadsts.assertionAudience()
  const now = Math.floor(input.now / 1000)
  if (typeof claims.exp !== 'number' || claims.exp + SKEW_SECONDS <= now) return aadsts.assertionLifetime()
  if (typeof claims.nbf === 'number' && claims.nbf - SKEW_SECONDS > now) return aadsts.assertionLifetime()
  return undefined
}

/** Entra finds the certificate by thumbprint (`x5t`, `x5t#S256`) or key id; any that fits may verify. */
async function signedByClient(
  assertion: string,
  header: Record<string, unknown>,
  keys: readonly JWK[],
): Promise<boolean> {
  const conflicts = (key: JWK, member: 'kid' | 'x5t' | 'x5t#S256') =>
    typeof header[member] === 'string' && typeof key[member] === 'string' && header[member] !== key[member]
  for (const jwk of keys) {
    if (conflicts(jwk, 'kid') || conflicts(jwk, 'x5t') || conflicts(jwk, 'x5t#S256')) continue
    try {
      await compactVerify(assertion, await importJWK(jwk, header.alg as string))
      return true
    } catch {
      // not this key
    }
  }
  return false
}
