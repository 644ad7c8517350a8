import t from 'tap'
import { entraScopeString, fromProviderScope, parseScope, toProviderScope } from '../../src/entra/scopes.js'

const context = { appName: 'App', permissions: ['User.Read', 'Mail.Read'], tenantName: 'Contoso' }

t.test(
  'scopes: short, Graph-URI and Graph-app-id spellings name the same permission, case-insensitively',
  async (t) => {
    for (const raw of [
      'openid user.read',
      'openid https://graph.microsoft.com/User.Read',
      'OPENID 00000003-0000-0000-c000-000000000000/user.READ',
    ]) {
      const parsed = parseScope(raw, context)
      t.same(
        parsed,
        { ok: true, scopes: { oidc: ['openid'], offlineAccess: false, graph: ['User.Read'] } },
        raw,
      )
    }
  },
)

t.test(
  'scopes: .default expands to the admin-consented permissions, and cannot be mixed (AADSTS70011)',
  async (t) => {
    t.same(parseScope('openid offline_access https://graph.microsoft.com/.default', context), {
      ok: true,
      scopes: { oidc: ['openid'], offlineAccess: true, graph: ['User.Read', 'Mail.Read'] },
    })
    const mixed = parseScope('https://graph.microsoft.com/.default User.Read', context)
    t.equal(mixed.ok, false)
    t.match(!mixed.ok && mixed.error, { error: 'invalid_scope', code: 70011 })
  },
)

t.test('scopes: unknown Graph permissions are AADSTS650053, other resources AADSTS500011', async (t) => {
  t.match(parseScope('openid Mail.ReadEverything', context), {
    ok: false,
    error: { error: 'invalid_scope', code: 650053 },
  })
  t.match(parseScope('api://other/.default', context), {
    ok: false,
    error: { error: 'invalid_resource', code: 500011 },
  })
  t.match(parseScope('https://outlook.office.com/Mail.Read', context), { ok: false, error: { code: 500011 } })
})

t.test('scopes: the provider spelling round-trips and offline_access survives it', async (t) => {
  const scopes = { oidc: ['openid', 'email'], offlineAccess: true, graph: ['User.Read'] }
  const provider = toProviderScope(scopes)
  t.notMatch(provider, /(^| )offline_access( |$)/, 'oidc-provider never sees offline_access itself')
  t.same(fromProviderScope(provider), scopes)
})

t.test('scopes: Entra lists Graph permissions, then profile, openid, email', async (t) => {
  t.equal(
    entraScopeString(['User.Read', 'Mail.Read'], ['email', 'openid', 'profile']),
    'User.Read Mail.Read profile openid email',
  )
  t.equal(entraScopeString([], ['openid']), 'openid')
})
