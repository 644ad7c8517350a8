// An OpenID provider that answers the token request with whatever ID token a test crafts: the
// emulator only signs valid tokens, so the ID token checks of ATTACKS C22 (foreign issuer, wrong
// audience, expired, alg:none, unknown kid, bad nonce) need a provider that signs bad ones.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import type { JWTPayload } from 'jose'

export interface CraftedIdp {
  /** The authority to configure: `${origin}/${tenantId}/v2.0`. */
  authority: string
  /** Signs claims with the advertised key (or an unadvertised one with `unknownKey`). */
  sign(claims: JWTPayload, options?: { unknownKey?: boolean; alg?: 'none' | 'HS256' }): Promise<string>
  /** The next token responses. */
  respond(body: (form: URLSearchParams) => Promise<Record<string, unknown>>): void
  close(): Promise<void>
}

export async function startCraftedIdp(tenantId: string): Promise<CraftedIdp> {
  const advertised = await generateKeyPair('RS256')
  const other = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(advertised.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  let responder: (form: URLSearchParams) => Promise<Record<string, unknown>> = async () => ({})
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = new URL(req.url ?? '/', origin).pathname
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(body))
      }
      if (path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
        send(200, {
          issuer: authority,
          authorization_endpoint: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
          token_endpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
          jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
          response_types_supported: ['code'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
        })
      } else if (path === `/${tenantId}/discovery/v2.0/keys`) {
        send(200, { keys: [jwk] })
      } else if (path === `/${tenantId}/oauth2/v2.0/token` && req.method === 'POST') {
        responder(new URLSearchParams(Buffer.concat(chunks).toString())).then(
          (body) => send(200, body),
          () => send(500, { error: 'server_error' }),
        )
      } else send(404, { error: 'not_found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`
  const authority = `${origin}/${tenantId}/v2.0`
  return {
    authority,
    async sign(claims, options = {}) {
      if (options.alg === 'none') {
        const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
        return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`
      }
      if (options.alg === 'HS256') {
        // Alg confusion: the advertised public key's modulus used as an HMAC secret.
        const secret = new TextEncoder().encode(String(jwk.n))
        return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(secret)
      }
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: options.unknownKey ? 'k2' : 'k1', typ: 'JWT' })
        .sign(options.unknownKey ? other.privateKey : advertised.privateKey)
    },
    respond(body) {
      responder = body
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
