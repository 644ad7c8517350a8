import t from 'tap'
import type { ValidateMetadata } from '../../src/clients/types.js'
import { createClientMetadataPolicy } from '../../src/oauth/client-metadata.js'
import { createRedirectUriPolicy } from '../../src/oauth/redirect-uri.js'
import { throwsOAuthError } from './throws-oauth-error.js'

const policy = createClientMetadataPolicy({ redirectUris: createRedirectUriPolicy() })
const base = { redirect_uris: ['https://client.example/cb'] }

t.test('client metadata: the policy plugs into the client registry as ValidateMetadata', async (t) => {
  const validators: ValidateMetadata[] = [policy.validateRegistration, policy.validateDocument]
  t.equal(validators.length, 2)
  t.same(policy.validateRegistration({ redirect_uris: ['javascript:x'] }), {
    ok: false,
    error: 'invalid_redirect_uri',
    description: 'redirect_uri uses the scheme javascript, which is not allowed',
  })
  t.match(policy.validateRegistration({ ...base, client_id: 'x' }), {
    ok: false,
    error: 'invalid_client_metadata',
  })
  t.match(policy.validateRegistration(base), { ok: true, metadata: { redirect_uris: base.redirect_uris } })
})

t.test('client metadata: Claude registration (client_secret_post) is accepted and echoed', async (t) => {
  const metadata = policy.parseRegistration({
    client_name: 'Claude',
    redirect_uris: ['https://claude.ai/api/mcp/auth_callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    scope: 'mcp',
  })
  t.equal(metadata.token_endpoint_auth_method, 'client_secret_post')
  t.equal(metadata.client_name, 'Claude')
  t.equal(metadata.scope, 'mcp')
})

t.test(
  'client metadata: Cursor registration (none, cursor:// + https + localhost) is accepted',
  async (t) => {
    const metadata = policy.parseRegistration({
      client_name: 'Cursor',
      redirect_uris: [
        'cursor://anysphere.cursor-mcp/oauth/callback',
        'https://cursor.com/oauth/callback',
        'http://localhost:56781/callback',
      ],
      token_endpoint_auth_method: 'none',
    })
    t.equal(metadata.token_endpoint_auth_method, 'none')
    t.equal(metadata.redirect_uris.length, 3)
  },
)

t.test(
  'client metadata: defaults per RFC 7591 §2 (client_secret_basic, code, authorization_code)',
  async (t) => {
    const metadata = policy.parseRegistration(base)
    t.equal(metadata.token_endpoint_auth_method, 'client_secret_basic')
    t.same(metadata.response_types, ['code'])
    t.same(metadata.grant_types, ['authorization_code', 'refresh_token'])
  },
)

t.test('client metadata: unknown fields are ignored (RFC 7591 §2)', async (t) => {
  const metadata = policy.parseRegistration({ ...base, jwks_uri: 'https://x/jwks', custom: { deep: [1] } })
  t.notOk('jwks_uri' in metadata)
  t.notOk('custom' in metadata)
})

t.test('E36: one refused redirect URI refuses the whole registration', async (t) => {
  for (const bad of [
    'javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'https://*.client.example/cb',
    'https://client.example/cb#x',
    'http://client.example/cb',
  ]) {
    throwsOAuthError(
      t,
      () => policy.parseRegistration({ redirect_uris: ['https://client.example/cb', bad] }),
      'invalid_redirect_uri',
      bad,
    )
  }
})

t.test('client metadata: redirect_uris must be 1 to 10 strings', async (t) => {
  throwsOAuthError(t, () => policy.parseRegistration({}), 'invalid_client_metadata', 'missing')
  throwsOAuthError(
    t,
    () => policy.parseRegistration({ redirect_uris: [] }),
    'invalid_client_metadata',
    'empty',
  )
  throwsOAuthError(
    t,
    () => policy.parseRegistration({ redirect_uris: 'https://x.example/' }),
    'invalid_client_metadata',
    'a string',
  )
  throwsOAuthError(
    t,
    () => policy.parseRegistration({ redirect_uris: [1] }),
    'invalid_client_metadata',
    'a number',
  )
  const eleven = Array.from({ length: 11 }, (_, i) => `https://client.example/cb${i}`)
  throwsOAuthError(t, () => policy.parseRegistration({ redirect_uris: eleven }), 'invalid_redirect_uri', '11')
  t.equal(policy.parseRegistration({ redirect_uris: eleven.slice(1) }).redirect_uris.length, 10, '10 allowed')
})

t.test(
  'E39: a registrant cannot choose client_id, client_secret or other server-assigned fields',
  async (t) => {
    for (const field of [
      'client_id',
      'client_secret',
      'client_id_issued_at',
      'client_secret_expires_at',
      'registration_access_token',
      'registration_client_uri',
    ]) {
      throwsOAuthError(
        t,
        () => policy.parseRegistration({ ...base, [field]: 'usr_victim' }),
        'invalid_client_metadata',
        field,
      )
    }
  },
)

t.test(
  'E39: a software_id shaped like a user subject or client id is refused (RFC 9700 §4.15)',
  async (t) => {
    throwsOAuthError(
      t,
      () => policy.parseRegistration({ ...base, software_id: 'usr_abc' }),
      'invalid_client_metadata',
      'usr_',
    )
    throwsOAuthError(
      t,
      () => policy.parseRegistration({ ...base, software_id: 'MCP_abc' }),
      'invalid_client_metadata',
      'MCP_',
    )
    t.equal(policy.parseRegistration({ ...base, software_id: '2a3f-uuid' }).software_id, '2a3f-uuid')
  },
)

t.test(
  'client metadata: unsupported methods, grants and response types are invalid_client_metadata',
  async (t) => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['private_key_jwt', { token_endpoint_auth_method: 'private_key_jwt' }],
      ['client_secret_jwt', { token_endpoint_auth_method: 'client_secret_jwt' }],
      ['client_credentials grant', { grant_types: ['client_credentials'] }],
      ['implicit grant', { grant_types: ['authorization_code', 'implicit'] }],
      ['refresh_token only', { grant_types: ['refresh_token'] }],
      ['token response type', { response_types: ['code', 'token'] }],
      ['grant_types not an array', { grant_types: 'authorization_code' }],
    ]
    for (const [name, extra] of cases) {
      throwsOAuthError(
        t,
        () => policy.parseRegistration({ ...base, ...extra }),
        'invalid_client_metadata',
        name,
      )
    }
  },
)

t.test('client metadata: names, URIs, contacts and versions are bounded and https-only', async (t) => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['client_name over 200', { client_name: 'a'.repeat(201) }],
    ['client_name with a newline', { client_name: 'Claude\nApprove' }],
    ['client_name not a string', { client_name: 5 }],
    ['client_uri http', { client_uri: 'http://client.example/' }],
    ['logo_uri javascript', { logo_uri: 'javascript:alert(1)' }],
    ['tos_uri data', { tos_uri: 'data:text/html,x' }],
    ['policy_uri userinfo', { policy_uri: 'https://good@evil.example/' }],
    ['client_uri relative', { client_uri: '/about' }],
    ['scope malformed', { scope: 'mcp\tx' }],
    ['contacts not an array', { contacts: 'a@b.example' }],
    ['eleven contacts', { contacts: Array.from({ length: 11 }, (_, i) => `c${i}@b.example`) }],
    ['software_version over 100', { software_version: 'v'.repeat(101) }],
  ]
  for (const [name, extra] of cases) {
    throwsOAuthError(
      t,
      () => policy.parseRegistration({ ...base, ...extra }),
      'invalid_client_metadata',
      name,
    )
  }
  const ok = policy.parseRegistration({
    ...base,
    client_name: 'a'.repeat(200),
    client_uri: 'https://client.example/',
    logo_uri: 'https://client.example/logo.png',
    contacts: ['ops@client.example'],
    scope: 'mcp  offline_access',
    software_version: '1.2.3',
  })
  t.equal(ok.scope, 'mcp offline_access', 'scope normalised')
  t.equal(ok.client_uri, 'https://client.example/')
})

t.test('client metadata: the error description names the field', async (t) => {
  const error = throwsOAuthError(
    t,
    () => policy.parseRegistration({ ...base, logo_uri: 'http://x/' }),
    'invalid_client_metadata',
    'logo',
  )
  t.match(error?.description, /^logo_uri /)
  const top = throwsOAuthError(
    t,
    () => policy.parseRegistration([base]),
    'invalid_client_metadata',
    'array body',
  )
  t.equal(top?.description, 'client metadata must be a JSON object')
})

t.test(
  'client metadata document: Claude Code CIMD with portless loopback redirects is accepted',
  async (t) => {
    const metadata = policy.parseDocument({
      client_id: 'https://claude.ai/oauth/claude-code-client-metadata',
      client_name: 'Claude Code',
      redirect_uris: ['http://localhost/callback', 'http://127.0.0.1/callback'],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    })
    t.equal(metadata.token_endpoint_auth_method, 'none')
    t.notOk('client_id' in metadata, 'client_id is not metadata')
    t.equal(policy.parseDocument(base).token_endpoint_auth_method, 'none', 'none is the document default')
  },
)

t.test('client metadata document: secrets and secret-based methods are refused (CIMD §4.1)', async (t) => {
  throwsOAuthError(
    t,
    () => policy.parseDocument({ ...base, client_secret: 's' }),
    'invalid_client_metadata',
    'client_secret',
  )
  throwsOAuthError(
    t,
    () => policy.parseDocument({ ...base, client_secret_expires_at: 0 }),
    'invalid_client_metadata',
    'expiry',
  )
  for (const method of ['client_secret_basic', 'client_secret_post']) {
    throwsOAuthError(
      t,
      () => policy.parseDocument({ ...base, token_endpoint_auth_method: method }),
      'invalid_client_metadata',
      method,
    )
  }
})
