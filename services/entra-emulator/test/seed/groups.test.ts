import t from 'tap'
import { CONTOSO, FABRIKAM } from '../../src/entra/tenants.js'
import { INTERNAL_GROUP_FIELDS } from '../../src/seed/index.js'
import { loadSeed } from './fixture.js'

const { seed, byId } = loadSeed()
const GUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

t.test('groups: members and owners are existing users of the group’s tenant', async (t) => {
  t.ok(seed.groups.length >= 10, `${seed.groups.length} groups`)
  for (const g of seed.groups) {
    t.ok(g.memberIds.length > 0, `${g.displayName} has members`)
    t.equal(new Set(g.memberIds).size, g.memberIds.length, `${g.displayName} lists each member once`)
    for (const id of [...g.memberIds, ...g.ownerIds]) {
      if (byId.get(id)?.tenantId !== g.tenantId) t.fail(`${g.displayName}: ${id} is not a user of its tenant`)
    }
  }
})

t.test('groups: ids are unique GUIDs; Unified groups have mail, security groups none', async (t) => {
  t.equal(new Set(seed.groups.map((g) => g.id)).size, seed.groups.length)
  for (const g of seed.groups) {
    t.match(g.id, GUID_V4)
    if (g.groupTypes.includes('Unified')) {
      t.ok(
        g.mailEnabled &&
          !g.securityEnabled &&
          g.mail?.endsWith(`@${byId.get(g.ownerIds[0] ?? '')?.userPrincipalName.split('@')[1]}`),
        `${g.displayName} is a mail-enabled M365 group`,
      )
      t.same(g.proxyAddresses, [`SMTP:${g.mail}`])
      t.ok(g.visibility === 'Public' || g.visibility === 'Private')
    } else {
      t.same(
        {
          groupTypes: g.groupTypes,
          mail: g.mail,
          mailEnabled: g.mailEnabled,
          securityEnabled: g.securityEnabled,
          visibility: g.visibility,
        },
        { groupTypes: [], mail: null, mailEnabled: false, securityEnabled: true, visibility: null },
        `${g.displayName} is a security group`,
      )
    }
    t.match(g.mailNickname, /^[A-Za-z0-9]+$/)
  }
})

t.test(
  'groups: department groups hold exactly the department, all-company groups the whole tenant',
  async (t) => {
    const contoso = seed.users.filter((u) => u.tenantId === CONTOSO.id)
    for (const dept of new Set(contoso.map((u) => u.department))) {
      const g = seed.groups.find((x) => x.tenantId === CONTOSO.id && x.displayName === dept)
      t.same(
        [...(g?.memberIds ?? [])].sort(),
        contoso
          .filter((u) => u.department === dept)
          .map((u) => u.id)
          .sort(),
        `${dept} group`,
      )
    }
    for (const tenant of [CONTOSO, FABRIKAM]) {
      const all = seed.groups.find(
        (g) =>
          g.tenantId === tenant.id &&
          g.displayName === `All ${tenant.name === 'Contoso' ? 'Company' : tenant.name}`,
      )
      t.same(
        [...(all?.memberIds ?? [])].sort(),
        seed.users
          .filter((u) => u.tenantId === tenant.id)
          .map((u) => u.id)
          .sort(),
        `all of ${tenant.name}`,
      )
    }
  },
)

t.test(
  'groups: project teams span departments and the pilot security group holds the Contoso demo users',
  async (t) => {
    for (const name of ['Project Atlas', 'Project Meridian']) {
      const g = seed.groups.find((x) => x.displayName === name)
      t.ok(new Set(g?.memberIds.map((id) => byId.get(id)?.department)).size >= 2, `${name} spans departments`)
    }
    const pilot = seed.groups.find((g) => g.displayName === 'MCP Pilot Users')
    t.same(
      [...(pilot?.memberIds ?? [])].sort(),
      seed.users
        .filter((u) => u.tenantId === CONTOSO.id && u.demo)
        .map((u) => u.id)
        .sort(),
    )
  },
)

t.test('groups: the internal fields are exactly tenantId, memberIds and ownerIds', async (t) => {
  t.same([...INTERNAL_GROUP_FIELDS], ['tenantId', 'memberIds', 'ownerIds'])
  const g = seed.groups[0]
  t.ok(g && INTERNAL_GROUP_FIELDS.every((f) => f in g))
})
