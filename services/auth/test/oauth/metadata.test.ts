import t from 'tap'
import { buildAuthorizationServerMetadata } from '../../src/oauth/metadata.js'

const base = { publicUrl: 'https://mcp.example.com', scopesSupported: ['mcp'], registrationEnabled: true }

t.test(
  'A10: the issuer is the public origin without a path and endpoints hang off it (RFC 8414 §2)',
  async (t) => {
    const metadata = buildAuthorizationServerMetadata({ ...base, publicUrl: 'https://mcp.example.com/' })
    t.equal(metadata.issuer, 'https://mcp.example.com')
    t.equal(metadata.authorization_endpoint, 'https://mcp.example.com/authorize')
    t.equal(metadata.token_endpoint, 'https://mcp.example.com/token')
    t.equal(metadata.revocation_endpoint, 'https://mcp.example.com/revoke')
    t.equal(metadata.jwks_uri, 'https://mcp.example.com/jwks.json')
    t.equal(metadata.registration_endpoint, 'https://mcp.example.com/register')
  },
)

t.test('A10: metadata advertises iss in authorization responses (RFC 9207 §3)', async (t) => {
  t.equal(buildAuthorizationServerMetadata(base).authorization_response_iss_parameter_supported, true)
})

t.test('A4: metadata advertises S256 only', async (t) => {
  t.same(buildAuthorizationServerMetadata(base).code_challenge_methods_supported, ['S256'])
})

t.test('metadata: methods, grants, response types and scopes as the server implements them', async (t) => {
  const metadata = buildAuthorizationServerMetadata({ ...base, scopesSupported: ['mcp', 'mcp:write'] })
  t.same(metadata.token_endpoint_auth_methods_supported, [
    'none',
    'client_secret_post',
    'client_secret_basic',
  ])
  t.same(metadata.response_types_supported, ['code'])
  t.same(metadata.grant_types_supported, ['authorization_code', 'refresh_token'])
  t.same(metadata.scopes_supported, ['mcp', 'mcp:write'])
  t.equal(metadata.client_id_metadata_document_supported, true)
})

t.test('metadata: no registration_endpoint when DCR is disabled (RFC 8414 §2)', async (t) => {
  const metadata = buildAuthorizationServerMetadata({ ...base, registrationEnabled: false })
  t.notOk('registration_endpoint' in metadata)
  t.notOk(JSON.stringify(metadata).includes('/register'))
})

t.test('metadata: CIMD support can be switched off', async (t) => {
  const metadata = buildAuthorizationServerMetadata({ ...base, clientIdMetadataDocumentSupported: false })
  t.equal(metadata.client_id_metadata_document_supported, false)
})

t.test('metadata: a development origin on loopback http keeps its port', async (t) => {
  const metadata = buildAuthorizationServerMetadata({ ...base, publicUrl: 'http://localhost:8788' })
  t.equal(metadata.issuer, 'http://localhost:8788')
  t.equal(metadata.token_endpoint, 'http://localhost:8788/token')
})
