import { randomUUID } from 'node:crypto'
import t from 'tap'
import * as client from 'openid-client'
import { CONTOSO, FABRIKAM } from '../../src/entra/tenants.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
t.before(async () => {
  server = await startIdentityServer()
})
t.teardown(() => server.close())

t.test("discovery: each tenant's metadata names Entra's endpoint paths under its issuer", async (t) => {
  for (const tenant of [CONTOSO, FABRIKAM]) {
    const response = await fetch(`${server.origin}/${tenant.id}/v2.0/.well-known/openid-configuration`)
    t.equal(response.status, 200)
    const metadata = (await response.json()) as Record<string, unknown>
    const base = `${server.origin}/${tenant.id}`
    t.equal(metadata.issuer, `${base}/v2.0`)
    t.equal(metadata.authorization_endpoint, `${base}/oauth2/v2.0/authorize`)
    t.equal(metadata.token_endpoint, `${base}/oauth2/v2.0/token`)
    t.equal(metadata.jwks_uri, `${base}/discovery/v2.0/keys`)
    t.equal(metadata.end_session_endpoint, `${base}/oauth2/v2.0/logout`)
    t.same(metadata.token_endpoint_auth_methods_supported, [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ])
    t.notOk('code_challenge_methods_supported' in metadata, 'PKCE is not advertised, as in Entra')
    t.notOk('registration_endpoint' in metadata, 'no dynamic client registration')
  }
})

t.test('discovery: openid-client accepts the metadata for the tenant issuer', async (t) => {
  const config = await client.discovery(
    new URL(server.issuer(CONTOSO.id)),
    randomUUID(),
    undefined,
    client.None(),
    {
      execute: [client.allowInsecureRequests],
    },
  )
  t.equal(config.serverMetadata().issuer, server.issuer(CONTOSO.id))
})

t.test("discovery: the keys endpoint serves the tenant's public signing keys only", async (t) => {
  const response = await fetch(`${server.origin}/${FABRIKAM.id}/discovery/v2.0/keys`)
  t.equal(response.status, 200)
  const jwks = (await response.json()) as { keys: Record<string, unknown>[] }
  t.same(jwks, server.keys.publicJwks(FABRIKAM.id))
  t.notSame(jwks, server.keys.publicJwks(CONTOSO.id), 'each tenant has its own key')
  for (const key of jwks.keys) t.notOk('d' in key || 'p' in key, 'no private key members')
})

t.test(
  'discovery: an unknown tenant is 400 invalid_tenant AADSTS90002, a malformed one AADSTS900023',
  async (t) => {
    const unknown = randomUUID()
    const response = await fetch(`${server.origin}/${unknown}/v2.0/.well-known/openid-configuration`)
    t.equal(response.status, 400)
    const body = (await response.json()) as Record<string, unknown>
    t.equal(body.error, 'invalid_tenant')
    t.match(body.error_description, new RegExp(`^AADSTS90002: Tenant '${unknown}' not found\\.`))
    t.same(body.error_codes, [90002])
    const malformed = await fetch(`${server.origin}/not_a%20tenant/discovery/v2.0/keys`)
    t.equal(malformed.status, 400)
    t.same(((await malformed.json()) as Record<string, unknown>).error_codes, [900023])
  },
)
