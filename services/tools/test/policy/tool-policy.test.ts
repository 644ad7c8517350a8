import t from 'tap'
import { toolPolicyConfigSchema } from '../../src/policy/tool-policy-config.js'
import {
  findVisibleTool,
  isToolVisible,
  toolHiddenReason,
  visibleTools,
  type ToolUser,
} from '../../src/policy/tool-policy.js'
import { tools } from '../../src/tools/index.js'

const schema = toolPolicyConfigSchema(tools.map((tool) => tool.name))
const policy = (input: object = {}) => schema.parse(input)

// Every permission any tool accepts: with it, only the operator policy can hide a tool.
const everyScope = [...new Set(tools.flatMap((tool) => tool.permissions))]
const user = (grantedScopes: string[] = everyScope, claims: ToolUser['claims'] = {}): ToolUser => ({
  grantedScopes,
  claims,
})
const names = (visibility: ReturnType<typeof visibleTools>) => visibility.visible.map((tool) => tool.name)
const writeTools = ['createCalendarEvent', 'sendMail']

t.test('policy: by default both write tools are hidden, every read tool shown', async (t) => {
  const result = visibleTools(tools, user(), policy())
  t.same(result.hidden, [
    { name: 'createCalendarEvent', reason: 'writes_disabled' },
    { name: 'sendMail', reason: 'writes_disabled' },
  ])
  t.equal(result.visible.length, tools.length - 2)
  for (const name of writeTools) t.notOk(isToolVisible(name, tools, user(), policy()), name)
})

t.test('policy: with writes enabled, write tools need their own Graph permission', async (t) => {
  const writes = policy({ writesEnabled: true })
  const readOnly = everyScope.filter((s) => s !== 'Mail.Send' && s !== 'Calendars.ReadWrite')
  t.same(
    visibleTools(tools, user(readOnly), writes).hidden.filter((h) => writeTools.includes(h.name)),
    [
      { name: 'createCalendarEvent', reason: 'permission' },
      { name: 'sendMail', reason: 'permission' },
    ],
  )
  t.ok(isToolVisible('sendMail', tools, user(['Mail.Send']), writes))
  t.notOk(isToolVisible('createCalendarEvent', tools, user(['Mail.Send']), writes))
  t.ok(isToolVisible('createCalendarEvent', tools, user(['Calendars.ReadWrite']), writes))
  t.notOk(isToolVisible('sendMail', tools, user(['Calendars.ReadWrite']), writes))
  t.same(visibleTools(tools, user(), writes).hidden, [])
})

t.test('policy: a User.Read grant shows exactly the tools accepting User.Read, and add', async (t) => {
  const result = visibleTools(tools, user(['User.Read']), policy({ writesEnabled: true }))
  t.same(names(result), ['add', 'getUserProfile', 'listDirectReports', 'listMyGroups'])
  const expected = tools.filter(
    (tool) => tool.permissions.length === 0 || tool.permissions.includes('User.Read'),
  )
  t.same(
    names(result),
    expected.map((tool) => tool.name),
  )
  for (const hidden of result.hidden) t.equal(hidden.reason, 'permission', hidden.name)
  t.equal(result.hidden.length, tools.length - 4)
})

t.test('policy: a user without Mail.Read or Mail.ReadBasic sees no mail tool', async (t) => {
  const scopes = everyScope.filter((s) => !s.startsWith('Mail.'))
  const result = visibleTools(tools, user(scopes), policy({ writesEnabled: true }))
  t.same(result.hidden, [
    { name: 'listMessages', reason: 'permission' },
    { name: 'getMessage', reason: 'permission' },
    { name: 'sendMail', reason: 'permission' },
  ])
  // Mail.ReadBasic lists messages but cannot read a body.
  const basic = visibleTools(tools, user(['Mail.ReadBasic']), policy())
  t.same(names(basic), ['add', 'listMessages'])
})

t.test('policy: permission names are compared case-insensitively, as Graph', async (t) => {
  const lower = visibleTools(tools, user(['user.read', 'MAIL.SEND']), policy({ writesEnabled: true }))
  t.same(names(lower), ['add', 'getUserProfile', 'listDirectReports', 'listMyGroups', 'sendMail'])
})

t.test('policy: allow limits to the named tools and deny always wins', async (t) => {
  const allowOnly = visibleTools(tools, user(), policy({ allow: ['add', 'listUsers'] }))
  t.same(names(allowOnly), ['add', 'listUsers'])
  t.equal(allowOnly.hidden.find((h) => h.name === 'getUser')?.reason, 'not_allowed')

  const both = policy({ writesEnabled: true, allow: ['add', 'listUsers', 'sendMail'], deny: ['listUsers'] })
  const result = visibleTools(tools, user(), both)
  t.same(names(result), ['add', 'sendMail'])
  t.equal(result.hidden.find((h) => h.name === 'listUsers')?.reason, 'denied')

  const denyOnly = visibleTools(tools, user(), policy({ deny: ['add', 'sendMail'] }))
  t.notOk(names(denyOnly).includes('add'))
  t.equal(denyOnly.visible.length, tools.length - 3)
  t.equal(denyOnly.hidden.find((h) => h.name === 'sendMail')?.reason, 'denied', 'deny before writes')
})

t.test('policy: allowing a write tool does not bypass writes being off', async (t) => {
  const result = visibleTools(tools, user(), policy({ allow: ['sendMail', 'add'] }))
  t.same(names(result), ['add'])
  t.equal(result.hidden.find((h) => h.name === 'sendMail')?.reason, 'writes_disabled')
})

t.test('policy: app-role rules gate only the tools they name', async (t) => {
  const rules = policy({
    writesEnabled: true,
    roleRules: [
      { claim: 'roles', value: 'Mail.Sender', tools: ['sendMail'] },
      { claim: 'roles', value: 'Directory.Reader', tools: ['listUsers', 'getUser'] },
    ],
  })
  const plain = visibleTools(tools, user(everyScope, { roles: ['Other'] }), rules)
  t.same(plain.hidden, [
    { name: 'listUsers', reason: 'role' },
    { name: 'getUser', reason: 'role' },
    { name: 'sendMail', reason: 'role' },
  ])
  const sender = visibleTools(tools, user(everyScope, { roles: ['Mail.Sender'] }), rules)
  t.same(
    sender.hidden.map((h) => h.name),
    ['listUsers', 'getUser'],
  )
  const both = visibleTools(tools, user(everyScope, { roles: ['Directory.Reader', 'Mail.Sender'] }), rules)
  t.same(both.hidden, [])
  // A role in the groups claim does not count: rules read only their own claim.
  t.notOk(isToolVisible('sendMail', tools, user(everyScope, { groups: ['Mail.Sender'] }), rules))
  // Role values compare exactly, as Entra emits them.
  t.notOk(isToolVisible('sendMail', tools, user(everyScope, { roles: ['mail.sender'] }), rules))
})

t.test('policy: group rules, any one matching rule for a tool suffices', async (t) => {
  const rules = policy({
    roleRules: [
      { claim: 'groups', value: '0b0e5b8c-1111-4a5b-9c1d-000000000001', tools: ['searchFiles'] },
      { claim: 'roles', value: 'Files.Searcher', tools: ['searchFiles'] },
    ],
  })
  const viaGroup = user(everyScope, { groups: ['0b0e5b8c-1111-4a5b-9c1d-000000000001'] })
  t.ok(isToolVisible('searchFiles', tools, viaGroup, rules))
  t.ok(isToolVisible('searchFiles', tools, user(everyScope, { roles: ['Files.Searcher'] }), rules))
  t.equal(
    toolHiddenReason(
      tools.find((x) => x.name === 'searchFiles')!,
      user(),
      rules,
    ),
    'role',
  )
  t.equal(visibleTools(tools, user(), rules).visible.length, tools.length - 3)
})

t.test('policy: role rules still require the Graph permission', async (t) => {
  const rules = policy({ roleRules: [{ claim: 'roles', value: 'Reader', tools: ['listUsers'] }] })
  const result = visibleTools(tools, user(['User.Read'], { roles: ['Reader'] }), rules)
  t.equal(result.hidden.find((h) => h.name === 'listUsers')?.reason, 'permission')
})

t.test('policy: a hidden tool called by name is refused exactly like an unknown one', async (t) => {
  const p = policy({ deny: ['listUsers'] })
  t.equal(findVisibleTool('listUsers', tools, user(), p), undefined)
  t.equal(findVisibleTool('sendMail', tools, user(), p), undefined)
  t.equal(findVisibleTool('noSuchTool', tools, user(), p), undefined)
  t.equal(findVisibleTool('getUser', tools, user(), p)?.name, 'getUser')
  t.notOk(isToolVisible('getMessage', tools, user(['User.Read']), p))
  t.ok(isToolVisible('add', tools, user([]), p), 'add needs no Graph permission')
})
