import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const tenantId = h.seed.tenants[0]?.id as string
const contoso = h.seed.users.filter((u) => u.tenantId === tenantId)
const ceo = contoso.find((u) => u.managerId === null)
const manager = contoso.find((u) => u.managerId !== null && contoso.some((r) => r.managerId === u.id))
if (!ceo || !manager) throw new Error('seed lacks an org chart')
const scp = 'User.Read User.Read.All'

t.test('/me/manager returns the manager as a typed directoryObject', async (t) => {
  const res = await h.get('/me/manager', await h.token(manager, { scp }))
  t.equal(res.status, 200)
  t.equal(res.json.id, manager.managerId)
  t.equal(res.json['@odata.type'], '#microsoft.graph.user')
  t.equal(res.json['@odata.context'], `${h.base}/$metadata#directoryObjects/$entity`)
})

t.test('/me/manager at the top of the org → 404 Request_ResourceNotFound', async (t) => {
  const res = await h.get('/me/manager', await h.token(ceo, { scp }))
  t.equal(res.status, 404)
  t.equal(res.json.error.code, 'Request_ResourceNotFound')
  t.match(res.json.error.message, /'manager'/)
})

t.test('/me/directReports lists exactly the users whose manager is the caller', async (t) => {
  const res = await h.get('/me/directReports?$select=displayName', await h.token(manager, { scp }))
  t.equal(res.status, 200)
  t.same(
    res.json.value.map((u: { id: string }) => u.id).sort(),
    contoso
      .filter((u) => u.managerId === manager.id)
      .map((u) => u.id)
      .sort(),
  )
  t.ok(
    res.json.value.every(
      (u: Record<string, unknown>) =>
        u['@odata.type'] === '#microsoft.graph.user' && 'displayName' in u && !('mail' in u),
    ),
  )
})

t.test('/users/{id}/manager and /users/{id}/directReports address another user', async (t) => {
  const token = await h.token(ceo, { scp })
  const boss = await h.get(`/users/${manager.id}/manager`, token)
  t.equal(boss.json.id, ceo.id)
  const reports = await h.get(`/users/${encodeURIComponent(manager.userPrincipalName)}/directReports`, token)
  t.equal(reports.json.value.length, contoso.filter((u) => u.managerId === manager.id).length)
  const denied = await h.get(`/users/${manager.id}/directReports`, await h.token(ceo, { scp: 'User.Read' }))
  t.equal(denied.status, 403, "another user's reports need a directory-wide permission")
})
