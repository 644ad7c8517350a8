import { generateKeyPairSync } from 'node:crypto'
import t from 'tap'
import type { Test } from 'tap'
import { parseEntraConfig } from '../../src/entra/entra-config.js'
import type { EntraClientOptions } from '../../src/entra/entra-config.js'

const TENANT = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'
const base: Omit<EntraClientOptions, 'now' | 'logger'> = {
  authority: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  clientId: '11111111-2222-3333-4444-555555555555',
  credential: { kind: 'secret', secret: 'x' },
  redirectUri: 'https://mcp.example.com/callback',
  graphScopes: ['User.Read', 'People.Read'],
}
const refuses = (t: Test, overrides: Partial<typeof base>, pattern: RegExp, name: string) =>
  t.throws(() => parseEntraConfig({ ...base, ...overrides }), pattern, name)

t.test('config: a valid single-tenant configuration resolves scope, authority and defaults', async (t) => {
  const c = parseEntraConfig({ ...base, graphScopes: ['User.Read', 'openid', 'User.Read'] })
  t.equal(c.scope, 'openid profile email offline_access User.Read', 'OIDC scopes always, no duplicates')
  t.same(c.tenant, { kind: 'single', tenant: TENANT })
  t.equal(c.graphBaseUrl, 'https://graph.microsoft.com/v1.0')
  t.equal(c.timeoutMs, 10_000)
})

t.test('config: .default mixed with named Graph scopes is refused (AADSTS70011)', async (t) => {
  refuses(
    t,
    { graphScopes: ['https://graph.microsoft.com/.default', 'User.Read'] },
    /\.default cannot be combined/,
    'url form',
  )
  refuses(t, { graphScopes: ['.default', 'Mail.Read'] }, /\.default cannot be combined/, 'short form')
  t.equal(
    parseEntraConfig({ ...base, graphScopes: ['https://graph.microsoft.com/.default'] })
      .scope.split(' ')
      .at(-1),
    'https://graph.microsoft.com/.default',
  )
})

t.test('config: scopes of another resource or with illegal characters are refused', async (t) => {
  refuses(
    t,
    { graphScopes: ['https://management.azure.com/user_impersonation'] },
    /another resource/,
    'other resource',
  )
  refuses(t, { graphScopes: ['User.Read Mail.Read'] }, /scope token/, 'space inside')
  refuses(t, { graphScopes: [] }, /graphScopes/, 'empty')
})

t.test(
  'config: authorities are https Entra v2 URLs; http only on loopback with the dev allowance',
  async (t) => {
    refuses(t, { authority: `http://login.microsoftonline.com/${TENANT}/v2.0` }, /https/, 'plain http')
    refuses(t, { authority: `http://localhost:8790/${TENANT}/v2.0` }, /https/, 'loopback without allowance')
    refuses(
      t,
      { authority: `http://localhost.evil.com/${TENANT}/v2.0`, allowInsecureLoopbackAuthority: true },
      /https/,
      'look-alike host',
    )
    refuses(
      t,
      { authority: `https://login.microsoftonline.com/${TENANT}/oauth2/token` },
      /v2\.0/,
      'not a v2 authority',
    )
    refuses(t, { authority: 'https://login.microsoftonline.com/consumers/v2.0' }, /consumers/, 'consumers')
    t.ok(
      parseEntraConfig({
        ...base,
        authority: `http://127.0.0.1:8790/${TENANT}/v2.0`,
        allowInsecureLoopbackAuthority: true,
      }),
    )
    t.ok(
      parseEntraConfig({
        ...base,
        authority: `http://emulator.localhost:8790/${TENANT}/v2.0`,
        allowInsecureLoopbackAuthority: true,
      }),
      'a *.localhost name (RFC 6761 §6.3), e.g. the emulator in docker compose',
    )
    refuses(
      t,
      { authority: `http://emulator.localhost:8790/${TENANT}/v2.0` },
      /https/,
      '*.localhost without the allowance',
    )
    refuses(
      t,
      { authority: `http://evil.localhost.example/${TENANT}/v2.0`, allowInsecureLoopbackAuthority: true },
      /https/,
      'a name that only contains .localhost',
    )
  },
)

t.test('config: multi-tenant authorities require a tenant allowlist of GUIDs', async (t) => {
  refuses(
    t,
    { authority: 'https://login.microsoftonline.com/organizations/v2.0' },
    /allowedTenants: required/,
    'organizations',
  )
  refuses(
    t,
    { authority: 'https://login.microsoftonline.com/common/v2.0', allowedTenants: ['contoso.com'] },
    /GUID/,
    'domain in allowlist',
  )
  const c = parseEntraConfig({
    ...base,
    authority: 'https://login.microsoftonline.com/common/v2.0',
    allowedTenants: [TENANT.toUpperCase()],
  })
  t.same(c.tenant, { kind: 'multi', tenant: 'common' })
  t.ok(c.allowedTenants?.has(TENANT))
})

t.test('config: certificate credentials need an RSA key >= 2048 bits and a thumbprint or kid', async (t) => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  refuses(
    t,
    { credential: { kind: 'certificate', privateKeyPem: rsa } },
    /certificateThumbprint or kid/,
    'no name',
  )
  refuses(
    t,
    { credential: { kind: 'certificate', privateKeyPem: ec, kid: 'k' } },
    /RSA private key/,
    'EC key',
  )
  refuses(
    t,
    { credential: { kind: 'certificate', privateKeyPem: rsa, certificateThumbprint: 'xyz' } },
    /thumbprint/,
    'bad thumbprint',
  )
  const sha1 = parseEntraConfig({
    ...base,
    credential: { kind: 'certificate', privateKeyPem: rsa, certificateThumbprint: 'AB'.repeat(20) },
  })
  t.same(sha1.credential.kind === 'certificate' && sha1.credential.header, {
    x5t: Buffer.from('ab'.repeat(20), 'hex').toString('base64url'),
  })
  const sha256 = parseEntraConfig({
    ...base,
    credential: { kind: 'certificate', privateKeyPem: rsa, certificateThumbprint: 'cd'.repeat(32) },
  })
  t.ok(sha256.credential.kind === 'certificate' && sha256.credential.header['x5t#S256'])
})

t.test('config: redirect URI, Graph base URL and CA are validated', async (t) => {
  refuses(t, { redirectUri: 'http://mcp.example.com/callback' }, /redirectUri/, 'http redirect')
  refuses(t, { redirectUri: 'https://mcp.example.com/callback#x' }, /redirectUri/, 'fragment')
  refuses(t, { graphBaseUrl: 'http://graph.example.com/v1.0' }, /graphBaseUrl/, 'http graph')
  refuses(t, { ca: 'not a pem' }, /ca/, 'bad CA')
  t.throws(
    () => parseEntraConfig({ ...base, clientId: '', graphScopes: ['a b'] }),
    /clientId[\s\S]*graphScopes/,
    'every problem listed',
  )
})
