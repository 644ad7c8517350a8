// Multi-tenant authorities (`organizations`, `common`) only at https://login.microsoftonline.com:
// openid-client accepts their discovered `{tenantid}` issuer template for that origin only, so any
// other origin would start fine and then fail every sign-in at discovery. Refused at start instead.
import t from 'tap'
import { parseEntraConfig } from '../../src/entra/entra-config.js'
import type { EntraClientOptions } from '../../src/entra/entra-config.js'

const TENANT = '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'
const base: Omit<EntraClientOptions, 'now' | 'logger'> = {
  authority: 'https://login.microsoftonline.com/organizations/v2.0',
  clientId: '11111111-2222-3333-4444-555555555555',
  credential: { kind: 'secret', secret: 'x' },
  redirectUri: 'https://mcp.example.com/callback',
  graphScopes: ['User.Read'],
  allowedTenants: [TENANT],
}

t.test('multi-tenant authorities at Entra’s global origin are accepted', async (t) => {
  for (const tenant of ['organizations', 'common', 'Organizations']) {
    const config = parseEntraConfig({
      ...base,
      authority: `https://login.microsoftonline.com/${tenant}/v2.0/`,
    })
    t.equal(config.tenant.kind, 'multi', tenant)
    t.equal(config.authority.origin, 'https://login.microsoftonline.com')
  }
})

t.test('multi-tenant authorities elsewhere are refused at start, tenant-specific ones are not', async (t) => {
  const elsewhere = [
    { authority: 'https://login.microsoftonline.us/organizations/v2.0' },
    { authority: 'https://login.partner.microsoftonline.cn/common/v2.0' },
    { authority: 'https://login.microsoftonline.com:8443/organizations/v2.0' },
    { authority: 'http://localhost:8790/organizations/v2.0', allowInsecureLoopbackAuthority: true },
  ]
  for (const overrides of elsewhere) {
    t.throws(
      () => parseEntraConfig({ ...base, ...overrides }),
      /authority: (organizations|common) authorities only at https:\/\/login\.microsoftonline\.com/,
      overrides.authority,
    )
  }
  const national = parseEntraConfig({ ...base, authority: `https://login.microsoftonline.us/${TENANT}/v2.0` })
  t.same(national.tenant, { kind: 'single', tenant: TENANT }, 'a national cloud with a tenant id')
  const emulator = parseEntraConfig({
    ...base,
    authority: `http://localhost:8790/${TENANT}/v2.0`,
    allowInsecureLoopbackAuthority: true,
  })
  t.equal(emulator.tenant.kind, 'single', 'the emulator with a tenant id')
})
