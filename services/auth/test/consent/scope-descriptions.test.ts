import t from 'tap'
import {
  consentScopeList,
  describeGraphPermission,
  describeScope,
} from '../../src/consent/scope-descriptions.js'

t.test('scope texts: mcp and Graph permissions read as what they allow', async (t) => {
  t.equal(describeScope('mcp').description, 'Use the Microsoft 365 tools of this server as you')
  t.equal(describeGraphPermission('User.Read').description, 'Read your profile')
  t.equal(describeGraphPermission('Mail.Read').description, 'Read your mail')
  t.equal(describeGraphPermission('mail.read').description, 'Read your mail', 'case-insensitive (Graph)')
  t.equal(describeGraphPermission('Foo.Bar').description, 'Use the Microsoft Graph permission Foo.Bar')
  t.equal(describeScope('other').name, 'other')
})

t.test('scope list: our scopes first, then the configured Graph permissions, deduplicated', async (t) => {
  const list = consentScopeList(['mcp', 'mcp'], ['User.Read', 'user.read', 'Mail.Read'])
  t.same(
    list.map((s) => s.name),
    ['mcp', 'User.Read', 'Mail.Read'],
  )
})
