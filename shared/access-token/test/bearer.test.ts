// The bearer authenticator against a real JWKS endpoint on loopback (RFC 6750 §3, RFC 9728 §5.1).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose'
import pino from 'pino'
import t from 'tap'
import { createAccessTokenVerifier, createBearerAuthenticator } from '../src/index.js'

const PUBLIC_URL = 'https://mcp.example.com'
const log = pino({ level: 'silent' })

type Teardown = (fn: () => Promise<void> | void) => void

async function keyServer(teardown: Teardown) {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }
  let fetches = 0
  let up = true
  const server: Server = createServer((_req, res) => {
    fetches++
    if (!up) {
      res.writeHead(503).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
  return {
    url,
    fetches: () => fetches,
    setUp: (value: boolean) => (up = value),
    sign: (claims: Record<string, unknown>, key: CryptoKey = privateKey) =>
      new SignJWT({ client_id: 'c1', scope: 'mcp', gid: 'g1', ...claims })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'k1' })
        .setIssuer(PUBLIC_URL)
        .setAudience(`${PUBLIC_URL}/mcp`)
        .setSubject('usr_1')
        .setIssuedAt()
        .setExpirationTime('10m')
        .setJti('j1')
        .sign(key),
  }
}

t.test('bearer: a valid token yields the principal from its claims only', async (t) => {
  const keys = await keyServer((fn) => t.teardown(fn))
  const bearer = createBearerAuthenticator({
    verifier: createAccessTokenVerifier({ issuer: PUBLIC_URL, jwksUrl: keys.url }),
    publicUrl: PUBLIC_URL,
  })
  const outcome = await bearer.authenticate(
    `Bearer ${await keys.sign({ roles: ['Tools.Writer'] })}`,
    '/mcp',
    log,
  )
  t.ok(outcome.ok)
  if (!outcome.ok) return
  t.equal(outcome.principal.sub, 'usr_1')
  t.equal(outcome.principal.grantId, 'g1')
  t.same(outcome.principal.scopes, ['mcp'])
  t.same(outcome.principal.roles, ['Tools.Writer'])
  t.equal(outcome.principal.resource, `${PUBLIC_URL}/mcp`)
})

t.test(
  'bearer: no token → 401 whose challenge names the metadata and carries no error (RFC 6750 §3.1)',
  async (t) => {
    const keys = await keyServer((fn) => t.teardown(fn))
    const bearer = createBearerAuthenticator({
      verifier: createAccessTokenVerifier({ issuer: PUBLIC_URL, jwksUrl: keys.url }),
      publicUrl: PUBLIC_URL,
    })
    const outcome = await bearer.authenticate(undefined, '/sse', log)
    t.notOk(outcome.ok)
    if (outcome.ok) return
    t.equal(outcome.status, 401)
    t.equal(
      outcome.headers['www-authenticate'],
      `Bearer resource_metadata="${PUBLIC_URL}/.well-known/oauth-protected-resource/sse", scope="mcp"`,
    )
    t.equal(keys.fetches(), 0, 'nothing fetched for a request without a token')
  },
)

t.test('bearer: a token for /mcp presented at /sse → 401 invalid_token (RFC 8707 audience)', async (t) => {
  const keys = await keyServer((fn) => t.teardown(fn))
  const bearer = createBearerAuthenticator({
    verifier: createAccessTokenVerifier({ issuer: PUBLIC_URL, jwksUrl: keys.url }),
    publicUrl: PUBLIC_URL,
  })
  const outcome = await bearer.authenticate(`Bearer ${await keys.sign({})}`, '/sse', log)
  t.notOk(outcome.ok)
  if (outcome.ok) return
  t.equal(outcome.status, 401)
  t.match(outcome.headers['www-authenticate'], /error="invalid_token"/)
  t.match(outcome.headers['www-authenticate'], /oauth-protected-resource\/sse"/)
})

t.test('bearer: a scheme other than Bearer is refused as invalid_token', async (t) => {
  const keys = await keyServer((fn) => t.teardown(fn))
  const bearer = createBearerAuthenticator({
    verifier: createAccessTokenVerifier({ issuer: PUBLIC_URL, jwksUrl: keys.url }),
    publicUrl: PUBLIC_URL,
  })
  const outcome = await bearer.authenticate('Basic dXNlcjpwYXNz', '/mcp', log)
  t.notOk(outcome.ok)
  if (outcome.ok) return
  t.equal(outcome.status, 401)
  t.match(outcome.headers['www-authenticate'], /error="invalid_token"/)
})

t.test(
  'bearer: keys that cannot be fetched → 503 temporarily_unavailable with Retry-After, then recovery',
  async (t) => {
    const keys = await keyServer((fn) => t.teardown(fn))
    keys.setUp(false)
    const bearer = createBearerAuthenticator({
      verifier: createAccessTokenVerifier({ issuer: PUBLIC_URL, jwksUrl: keys.url, jwksCooldownMs: 0 }),
      publicUrl: PUBLIC_URL,
    })
    const token = await keys.sign({})
    const down = await bearer.authenticate(`Bearer ${token}`, '/mcp', log)
    t.notOk(down.ok)
    if (down.ok) return
    t.equal(down.status, 503)
    t.equal(down.body.error, 'temporarily_unavailable')
    t.ok(down.headers['retry-after'])
    keys.setUp(true)
    const up = await bearer.authenticate(`Bearer ${token}`, '/mcp', log)
    t.ok(up.ok, 'accepted once the keys are back')
  },
)
