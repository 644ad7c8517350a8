// A key server we control, for tests that need tokens the auth service would never issue (a
// missing scope, Entra-shaped claims): an ES256 key published as a JWKS on a loopback listener,
// and a signer of RFC 9068 access tokens with any claims.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'

export interface TokenMinter {
  jwksUrl: string
  /** An access token for `resource` (default claims of our auth service, overridable). */
  mint(options: {
    resource: string
    scope?: string
    /** `sub` (default `usr_test`). */
    subject?: string
    claims?: JWTPayload
    typ?: string
    issuer?: string
    expiresIn?: string
  }): Promise<string>
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startTokenMinter(teardown: Teardown, issuer: string): Promise<TokenMinter> {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' }
  const server: Server = createServer((req, res) => {
    res.writeHead(req.url === '/jwks.json' ? 200 : 404, { 'content-type': 'application/json' })
    res.end(req.url === '/jwks.json' ? JSON.stringify({ keys: [jwk] }) : '{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as AddressInfo).port
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    mint: (o) =>
      new SignJWT({
        client_id: 'client-test',
        scope: o.scope ?? 'mcp',
        gid: 'grant-test',
        ...o.claims,
      })
        .setProtectedHeader({ alg: 'ES256', typ: o.typ ?? 'at+jwt', kid: 'test-key' })
        .setIssuer(o.issuer ?? issuer)
        .setSubject(o.subject ?? 'usr_test')
        .setAudience(o.resource)
        .setIssuedAt()
        .setExpirationTime(o.expiresIn ?? '5m')
        .sign(privateKey),
  }
}
