// Access tokens shaped like the auth service's (RFC 9068: `typ` at+jwt, ES256, iss/aud/sub/exp/iat,
// our `client_id`, `scope`, `gid`), with any claim or header overridden or removed (`undefined`)
// to forge the variants an attacker would try.
import { KeyObject, sign } from 'node:crypto'
import { SignJWT, type CryptoKey, type JWTHeaderParameters } from 'jose'
import type { SigningKey } from './jwks-server.js'

export interface MintOptions {
  issuer: string
  audience: string
  /** Overrides or, with `undefined`, removes payload claims. */
  claims?: Record<string, unknown>
  /** Overrides protected header parameters. */
  header?: Partial<JWTHeaderParameters> & Record<string, unknown>
  /** Signs with this key instead of `key.privateKey` (the header keeps `key.kid` unless overridden). */
  signWith?: CryptoKey | Uint8Array
}

export const nowSeconds = () => Math.floor(Date.now() / 1000)

export async function mintAccessToken(key: SigningKey, options: MintOptions): Promise<string> {
  const iat = nowSeconds()
  const payload: Record<string, unknown> = {
    iss: options.issuer,
    aud: options.audience,
    sub: 'usr_attack_test',
    client_id: 'client-attack-test',
    scope: 'mcp',
    gid: 'grant-attack-test',
    iat,
    exp: iat + 300,
    ...options.claims,
  }
  for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name]
  const header = { alg: 'ES256', typ: 'at+jwt', kid: key.kid, ...options.header }
  return new SignJWT(payload).setProtectedHeader(header).sign(options.signWith ?? key.privateKey)
}

/** An unsigned JWT (`alg: none`, RFC 7518 §3.6) with the given header and payload. */
export function unsecuredJwt(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part(header)}.${part(payload)}.`
}

/**
 * Signs `header`.`payload` with ES256 directly (RFC 7515 §5.1), for headers a JOSE library refuses
 * to produce (an unknown `crit`), so the verifier, not the signer, is what gets tested.
 */
export function signCompact(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: SigningKey,
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${part(header)}.${part(payload)}`
  const signature = sign('sha256', Buffer.from(input), {
    key: KeyObject.from(key.privateKey),
    dsaEncoding: 'ieee-p1363',
  })
  return `${input}.${signature.toString('base64url')}`
}
