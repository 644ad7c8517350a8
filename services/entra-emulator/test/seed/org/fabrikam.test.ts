import t from 'tap'
import { CONTOSO, FABRIKAM } from '../../../src/entra/tenants.js'
import { loadSeed } from '../fixture.js'

const { seed } = loadSeed()

t.test('Fabrikam: a handful of users with one or two demo users', async (t) => {
  const users = seed.users.filter((u) => u.tenantId === FABRIKAM.id)
  t.ok(users.length >= 4 && users.length <= 10, `${users.length} users`)
  const demo = users.filter((u) => u.demo).length
  t.ok(demo >= 1 && demo <= 2, `${demo} demo users`)
})

t.test(
  'nOAuth: a Fabrikam demo user shares a Contoso demo user’s mail and name but not tid or oid',
  async (t) => {
    const contosoDemo = seed.users.filter((u) => u.tenantId === CONTOSO.id && u.demo)
    const twins = seed.users.filter(
      (u) => u.tenantId === FABRIKAM.id && u.demo && contosoDemo.some((c) => c.mail === u.mail),
    )
    t.equal(twins.length, 1, 'exactly one look-alike')
    const twin = twins[0]
    const victim = contosoDemo.find((c) => c.mail === twin?.mail)
    if (!twin || !victim) return
    t.equal(twin.mail, 'marcus.chen@contoso.example')
    t.equal(twin.displayName, victim.displayName, 'same display name')
    t.not(twin.id, victim.id, 'different object id')
    t.not(twin.tenantId, victim.tenantId, 'different tenant')
    t.equal(twin.userPrincipalName, 'marcus.chen@fabrikam.example', 'UPN stays in its own tenant domain')
  },
)
