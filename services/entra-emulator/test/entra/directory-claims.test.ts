// ID token `roles` and `groups` (Entra id-token-claims-reference): app roles the registration
// declares and the user holds; groups per the registration's groupMembershipClaims; the overage
// indicator past the limit. Against the real identity app and the seed.
import { randomUUID } from 'node:crypto'
import t from 'tap'
import * as client from 'openid-client'
import { codeFlow, testApp } from './support/flow.js'
import { startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

let server: IdentityServer
t.before(async () => {
  server = await startIdentityServer()
})
t.teardown(() => server.close())

const demo = (upn: string) => {
  const user = server.seed.demoUsers.find((u) => u.userPrincipalName === upn)
  if (!user) throw new Error(`seed has no demo user ${upn}`)
  return user
}
const memberOf = (oid: string) => server.seed.groups.filter((g) => g.memberIds.includes(oid))

t.test('directory claims: roles are the assigned app roles the registration declares', async (t) => {
  const priya = demo('priya.raman@contoso.example')
  const app = await testApp(server, { appRoles: ['Tools.Writer', 'Tools.Reader'] })
  const { tokens } = await codeFlow(server, app, { username: priya.userPrincipalName })
  t.same(tokens.claims()?.roles, ['Tools.Writer'], 'Mail.Sender is assigned but not declared by this app')
  t.notOk('groups' in (tokens.claims() ?? {}), 'groupMembershipClaims defaults to None')
})

t.test(
  'directory claims: a user without an assignment, or an app without roles, gets no roles claim',
  async (t) => {
    const jose = demo('jose.alvarez@contoso.example')
    const app = await testApp(server, { appRoles: ['Tools.Writer', 'Tools.Reader', 'Tools.Admin'] })
    const unassigned = await codeFlow(server, app, { username: jose.userPrincipalName })
    t.notOk('roles' in (unassigned.tokens.claims() ?? {}))
    const plain = await testApp(server)
    const undeclared = await codeFlow(server, plain, {
      username: demo('priya.raman@contoso.example').userPrincipalName,
    })
    t.notOk('roles' in (undeclared.tokens.claims() ?? {}))
  },
)

t.test(
  'directory claims: SecurityGroup lists the security groups of /me/memberOf, All every group',
  async (t) => {
    const marcus = demo('marcus.chen@contoso.example')
    const groups = memberOf(marcus.id)
    const security = groups.filter((g) => g.securityEnabled).map((g) => g.id)
    t.ok(security.length > 0 && security.length < groups.length, 'the seed has both kinds for this user')

    const secApp = await testApp(server, { groupMembershipClaims: 'SecurityGroup' })
    const sec = await codeFlow(server, secApp, { username: marcus.userPrincipalName })
    t.same([...(sec.tokens.claims()?.groups as string[])].sort(), [...security].sort())

    const allApp = await testApp(server, { groupMembershipClaims: 'All' })
    const all = await codeFlow(server, allApp, { username: marcus.userPrincipalName })
    t.same([...(all.tokens.claims()?.groups as string[])].sort(), groups.map((g) => g.id).sort())

    const refreshed = await client.refreshTokenGrant(allApp.config, all.tokens.refresh_token ?? '')
    t.same(
      [...(refreshed.claims()?.groups as string[])].sort(),
      groups.map((g) => g.id).sort(),
      'the ID token of a refresh carries them too',
    )
  },
)

t.test(
  'directory claims: past the overage limit groups are replaced by _claim_names/_claim_sources',
  async (t) => {
    const marcus = demo('marcus.chen@contoso.example')
    const app = await testApp(server, {
      groupMembershipClaims: 'All',
      groupsOverageLimit: 1,
      appRoles: ['Tools.Admin'],
    })
    const { tokens } = await codeFlow(server, app, { username: marcus.userPrincipalName })
    const claims: Record<string, unknown> = tokens.claims() ?? {}
    t.notOk('groups' in claims, 'no groups claim')
    t.same(claims._claim_names, { groups: 'src1' })
    t.match(claims._claim_sources, {
      src1: { endpoint: `https://graph.windows.net/${marcus.tenantId}/users/${marcus.id}/getMemberObjects` },
    })
    t.same(claims.roles, ['Tools.Admin'], 'roles are unaffected by the group overage')
  },
)

t.test('directory claims: the admin API refuses malformed app roles and group claim settings', async (t) => {
  const post = (extra: Record<string, unknown>) =>
    fetch(`${server.origin}/_emulator/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        tenantId: demo('priya.raman@contoso.example').tenantId,
        redirectUris: ['https://a.example/cb'],
        permissions: [],
        ...extra,
      }),
    })
  for (const extra of [
    { appRoles: ['has space'] },
    { appRoles: ['x'.repeat(121)] },
    { groupMembershipClaims: 'Everything' },
    { groupsOverageLimit: 0 },
  ]) {
    t.equal((await post(extra)).status, 400, JSON.stringify(extra).slice(0, 60))
  }
  const created = await post({
    appRoles: ['Tools.Reader', 'Tools.Reader'],
    groupMembershipClaims: 'SecurityGroup',
  })
  t.equal(created.status, 201)
  t.match(await created.json(), { appRoles: ['Tools.Reader'], groupMembershipClaims: 'SecurityGroup' })
})
