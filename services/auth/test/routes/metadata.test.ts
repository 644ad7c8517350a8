// RFC 8414 metadata and the JWKS against the running service (ATTACKS A4, A8, A10, B19): the
// issuer is the configured public URL whatever Host a request claims, only S256 and `code` are
// advertised, iss in authorization responses is announced (RFC 9207 §3), no private key leaks.
import t from 'tap'
import { request as httpRequest } from 'node:http'
import { startAuth, type AuthHarness } from '../support/auth-harness.js'

let auth: AuthHarness
let metadata: Record<string, unknown>

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
  metadata = (await (
    await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`)
  ).json()) as Record<string, unknown>
})

/** GET with a forged Host header (fetch does not allow setting Host). */
function getWithHost(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const url = new URL(path, auth.publicUrl)
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: url.port, path: url.pathname, headers, method: 'GET' },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

t.test('A10: the issuer is the public URL and every endpoint sits under it', async (t) => {
  t.equal(metadata.issuer, auth.publicUrl)
  for (const name of [
    'authorization_endpoint',
    'token_endpoint',
    'registration_endpoint',
    'revocation_endpoint',
    'jwks_uri',
  ]) {
    t.ok(String(metadata[name]).startsWith(`${auth.publicUrl}/`), `${name} is under the issuer`)
  }
  t.equal(metadata.authorization_response_iss_parameter_supported, true, 'RFC 9207 §3')
})

t.test('A10: a forged Host or X-Forwarded-Host does not change the issuer', async (t) => {
  const forged = await getWithHost('/.well-known/oauth-authorization-server', {
    host: 'evil.example',
    'x-forwarded-host': 'evil.example',
    'x-forwarded-proto': 'https',
  })
  t.equal(forged.status, 200)
  const document = JSON.parse(forged.body) as Record<string, unknown>
  t.equal(document.issuer, auth.publicUrl, 'the issuer is configuration, not the request')
  t.notMatch(forged.body, /evil\.example/, 'no endpoint names the forged host')
})

t.test('A4, A8: only PKCE S256 and response_type code are advertised', async (t) => {
  t.same(metadata.code_challenge_methods_supported, ['S256'])
  t.same(metadata.response_types_supported, ['code'])
  const grants = metadata.grant_types_supported as string[]
  t.ok(grants.includes('authorization_code') && grants.includes('refresh_token'))
  t.notOk(grants.includes('implicit') || grants.includes('password'), 'no implicit or password grant')
  const methods = metadata.token_endpoint_auth_methods_supported as string[]
  t.ok(methods.includes('none'), 'public clients (MCP spec)')
  t.notOk(methods.includes('client_secret_jwt'), 'nothing the token endpoint does not implement')
})

t.test('the JWKS holds public ES256 keys only', async (t) => {
  const response = await fetch(String(metadata.jwks_uri))
  t.equal(response.status, 200)
  const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> }
  t.ok(jwks.keys.length >= 1, 'at least one key')
  for (const key of jwks.keys) {
    t.equal(key.kty, 'EC')
    t.equal(key.crv, 'P-256')
    t.equal(key.d, undefined, 'no private part')
    t.type(key.kid, 'string')
  }
})

t.test(
  'B19: metadata is readable cross-origin; the token endpoint allows no credentialed CORS',
  async (t) => {
    const response = await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`, {
      headers: { origin: 'https://app.example' },
    })
    await response.arrayBuffer()
    t.equal(response.headers.get('access-control-allow-origin'), '*', 'browser clients may read metadata')
    t.equal(response.headers.get('access-control-allow-credentials'), null, 'never with credentials')
    const tokenResponse = await fetch(`${auth.publicUrl}/token`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token',
    })
    await tokenResponse.arrayBuffer()
    t.equal(tokenResponse.headers.get('access-control-allow-credentials'), null)
    t.not(
      tokenResponse.headers.get('access-control-allow-origin'),
      'https://evil.example',
      'origin not reflected',
    )
  },
)
