// An OpenID provider for ATTACKS C25 that counts the requests to its JWKS endpoint and can roll
// its signing key over (Entra does, and publishes the new key first). The token endpoint answers
// with whatever ID token the test crafts, signed by the current key or by one never published.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import type { CryptoKey, JWK, JWTPayload } from 'jose'

export interface CountingIdp {
  /** The authority to configure: `${origin}/${tenantId}/v2.0`. */
  authority: string
  /** GET requests served by the JWKS endpoint so far. */
  jwksRequests(): number
  /** Signs with the current published key, or with a fresh unpublished key under a random kid. */
  sign(claims: JWTPayload, options?: { unknownKid?: boolean }): Promise<string>
  /** Publishes a new key next to the old one and signs with it from now on. */
  rollOver(): Promise<void>
  /** The next token responses. */
  respond(body: (form: URLSearchParams) => Promise<Record<string, unknown>>): void
  close(): Promise<void>
}

interface SigningKey {
  kid: string
  privateKey: CryptoKey
  jwk: JWK
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } }
}

export async function startCountingIdp(tenantId: string): Promise<CountingIdp> {
  const published: SigningKey[] = [await newKey('k1')]
  const unpublished = await newKey('unpublished')
  let jwksRequests = 0
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
      } else if (path === `/${tenantId}/discovery/v2.0/keys` && req.method === 'GET') {
        jwksRequests++
        send(200, { keys: published.map((key) => key.jwk) })
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
    jwksRequests: () => jwksRequests,
    async sign(claims, options = {}) {
      const key = options.unknownKid ? unpublished : published.at(-1)
      if (key === undefined) throw new Error('no signing key')
      const kid = options.unknownKid ? `k-${crypto.randomUUID()}` : key.kid
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key.privateKey)
    },
    async rollOver() {
      published.push(await newKey(`k${published.length + 1}`))
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
