import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const tenantId = h.seed.tenants[0]?.id as string
const contoso = h.seed.users.filter((u) => u.tenantId === tenantId)
const ceo = contoso.find((u) => u.managerId === null)
const manager = contoso.find((u) => u.managerId !== null && contoso.some((r) => r.managerId === u.id))
if (!ceo || !manager) throw new Error('seed lacks an org chart')

t.test('/me/memberOf lists the caller’s groups without internal fields', async (t) => {
  const member = h.seed.groups.find((g) => g.tenantId === tenantId && g.memberIds.length > 0)
  const user = contoso.find((u) => u.id === member?.memberIds[0])
  if (!user) throw new Error('no group member in seed')
  const res = await h.get('/me/memberOf', await h.token(user, { scp: 'GroupMember.Read.All' }))
  t.equal(res.status, 200)
  t.same(
    res.json.value.map((g: { id: string }) => g.id).sort(),
    h.seed.groups
      .filter((g) => g.memberIds.includes(user.id))
      .map((g) => g.id)
      .sort(),
  )
  for (const g of res.json.value) {
    t.equal(g['@odata.type'], '#microsoft.graph.group')
    t.notOk('memberIds' in g || 'ownerIds' in g || 'tenantId' in g)
  }
  const filtered = await h.get(
    `/me/memberOf?$filter=${encodeURIComponent('securityEnabled eq true')}`,
    await h.token(user),
  )
  t.ok(filtered.json.value.every((g: { securityEnabled: boolean }) => g.securityEnabled))
})
