import t from 'tap'
import { DEMO_APP_ROLES } from '../../src/seed/app-roles.js'
import { loadSeed } from './fixture.js'

const { seed, byId } = loadSeed()

t.test('app roles: only demo users hold assignments, all among the demo app roles', async (t) => {
  t.equal(seed.appRolesByUser.size, 5, 'every seeded assignment names an existing user')
  for (const [oid, roles] of seed.appRolesByUser) {
    t.ok(byId.get(oid)?.demo, `${oid} is a demo user`)
    t.ok(roles.length > 0 && roles.every((r) => DEMO_APP_ROLES.includes(r)), roles.join(','))
  }
})

t.test('app roles: some demo users have none, so the "no roles claim" path can be tried', async (t) => {
  const without = seed.demoUsers.filter((u) => !seed.appRolesByUser.has(u.id))
  t.ok(without.some((u) => u.userPrincipalName === 'jose.alvarez@contoso.example'))
})
