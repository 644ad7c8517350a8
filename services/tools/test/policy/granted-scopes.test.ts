import t from 'tap'
import { grantedScopes } from '../../src/policy/granted-scopes.js'

t.test('granted scopes: permission names compare case-insensitively, as Graph', async (t) => {
  const scopes = grantedScopes(['mail.read', 'USER.READ'])
  t.ok(scopes.has('Mail.Read'))
  t.ok(scopes.has('User.Read'))
  t.notOk(scopes.has('Mail.ReadWrite'))
  t.notOk(scopes.has('Mail'))
})

t.test('granted scopes: any one of the listed permissions suffices; none listed needs none', async (t) => {
  const scopes = grantedScopes(['Calendars.Read'])
  t.ok(scopes.allowsAnyOf(['Calendars.ReadBasic', 'calendars.read']))
  t.notOk(scopes.allowsAnyOf(['Calendars.ReadWrite']))
  t.ok(scopes.allowsAnyOf([]))
  t.ok(grantedScopes([]).allowsAnyOf([]))
  t.notOk(grantedScopes([]).allowsAnyOf(['User.Read']))
})
