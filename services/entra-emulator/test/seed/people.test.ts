import t from 'tap'
import { CONTOSO } from '../../src/entra/tenants.js'
import { loadSeed } from './fixture.js'

const { seed, byId } = loadSeed()

t.test('people: rankings exclude the user, list each person once, stay in the tenant', async (t) => {
  for (const u of seed.users) {
    const ranking = seed.peopleByUser.get(u.id) ?? []
    const ids = ranking.map((p) => p.userId)
    if (ids.includes(u.id)) t.fail(`${u.userPrincipalName} ranks themselves`)
    if (new Set(ids).size !== ids.length) t.fail(`${u.userPrincipalName}: duplicate person`)
    if (ids.some((id) => byId.get(id)?.tenantId !== u.tenantId))
      t.fail(`${u.userPrincipalName}: person outside tenant`)
  }
  t.pass('checked every user')
})

t.test('people: relevance scores strictly decrease', async (t) => {
  for (const [userId, ranking] of seed.peopleByUser) {
    for (let i = 1; i < ranking.length; i++) {
      if (!((ranking[i]?.relevanceScore ?? 0) < (ranking[i - 1]?.relevanceScore ?? 0))) {
        t.fail(`${byId.get(userId)?.userPrincipalName}: score ${i} does not decrease`)
      }
    }
  }
  t.pass('checked every ranking')
})

t.test(
  'people: Contoso rankings have 15-30 entries; the manager and reports rank near the top',
  async (t) => {
    for (const u of seed.users.filter((x) => x.tenantId === CONTOSO.id)) {
      const ranking = seed.peopleByUser.get(u.id) ?? []
      if (ranking.length < 15 || ranking.length > 30)
        t.fail(`${u.userPrincipalName}: ${ranking.length} entries`)
      if (u.managerId !== null && ranking[0]?.userId !== u.managerId) {
        t.fail(`${u.userPrincipalName}: manager not first`)
      }
      const reports = seed.users.filter((x) => x.managerId === u.id).map((x) => x.id)
      const top = ranking.slice(0, reports.length + 1).map((p) => p.userId)
      if (reports.length <= 8 && !reports.every((id) => top.includes(id))) {
        t.fail(`${u.userPrincipalName}: direct reports not right after the manager`)
      }
    }
    t.pass('checked every Contoso user')
  },
)

t.test('people: rankings include colleagues from other departments', async (t) => {
  const zoe = seed.users.find((u) => u.displayName === 'Zoë Fischer')
  const departments = new Set(
    (seed.peopleByUser.get(zoe?.id ?? '') ?? []).map((p) => byId.get(p.userId)?.department),
  )
  t.ok(departments.size >= 3, [...departments].join(', '))
})
