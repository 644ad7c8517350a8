import t from 'tap'
import { startGraph } from '../helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const tenantId = h.seed.tenants[0]?.id as string
const contoso = h.seed.users.filter((u) => u.tenantId === tenantId)
const ceo = contoso.find((u) => u.managerId === null)
const manager = contoso.find((u) => u.managerId !== null && contoso.some((r) => r.managerId === u.id))
if (!ceo || !manager) throw new Error('seed lacks an org chart')

t.test('/me/people ranks colleagues by relevance, 10 a page, $search by name prefix', async (t) => {
  const priya = h.seed.demoUsers[0]
  if (!priya) throw new Error('no demo user')
  const token = await h.token(priya, { scp: 'People.Read' })
  const ranking = h.seed.peopleByUser.get(priya.id) ?? []
  const res = await h.get('/me/people', token)
  t.equal(res.status, 200)
  t.equal(res.json.value.length, Math.min(10, ranking.length))
  t.same(
    res.json.value.map((p: { id: string }) => p.id),
    ranking.slice(0, 10).map((r) => r.userId),
  )
  t.equal(res.json.value[0].scoredEmailAddresses[0].relevanceScore, ranking[0]?.relevanceScore)
  if (ranking.length > 10) t.ok(res.json['@odata.nextLink'])
  const target = h.seed.users.find((u) => u.id === ranking[3]?.userId)
  if (!target) throw new Error('ranking refers to an unknown user')
  const search = await h.get(
    `/me/people?$search=${encodeURIComponent(`"${target.surname.slice(0, 4)}"`)}`,
    token,
  )
  t.ok(search.json.value.some((p: { id: string }) => p.id === target.id))
  t.ok(
    search.json.value.every((p: { displayName: string; userPrincipalName: string }) =>
      `${p.displayName} ${p.userPrincipalName}`
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .some((w) => w.startsWith(target.surname.slice(0, 4).toLowerCase())),
    ),
  )
})
