import t from 'tap'
import { toolPolicyConfigSchema } from '../../src/policy/tool-policy-config.js'
import { tools } from '../../src/tools/index.js'

const schema = toolPolicyConfigSchema(tools.map((tool) => tool.name))

function messages(input: unknown): string[] {
  const result = schema.safeParse(input)
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

t.test('config: writes are off by default and nothing else is set', async (t) => {
  t.same(schema.parse({}), { writesEnabled: false })
})

t.test('config: a valid policy parses unchanged', async (t) => {
  const input = {
    writesEnabled: true,
    allow: ['add', 'sendMail'],
    deny: ['listUsers'],
    roleRules: [{ claim: 'groups', value: 'f1c2', tools: ['sendMail'] }],
  }
  t.same(schema.parse(input), input)
})

t.test('config: unknown tool names are rejected, each named, in every list', async (t) => {
  const found = messages({
    allow: ['add', 'sendMale', 'listUser'],
    deny: ['deleteEverything'],
    roleRules: [{ claim: 'roles', value: 'Mail.Sender', tools: ['sendMail', 'sendMails'] }],
  })
  t.equal(found.length, 3, found.join('\n'))
  t.match(found[0], /^allow: unknown tool names: sendMale, listUser \(known: add, /)
  t.match(found[1], /^deny: unknown tool names: deleteEverything /)
  t.match(found[2], /^roleRules\.0\.tools: unknown tool names: sendMails /)
  t.notMatch(found.join('\n'), /unknown tool names: [^(]*\badd\b/, 'known names are not reported')
})

t.test('config: names are case-sensitive, as clients call them', async (t) => {
  t.match(messages({ deny: ['SendMail'] }).join('\n'), /unknown tool names: SendMail/)
})

t.test('config: an empty allow list is rejected rather than hiding every tool', async (t) => {
  t.match(messages({ allow: [] }).join('\n'), /^allow: an empty allow list/)
})

t.test('config: malformed role rules and unknown keys are rejected', async (t) => {
  t.ok(messages({ roleRules: [{ claim: 'scp', value: 'x', tools: ['add'] }] }).length)
  t.ok(messages({ roleRules: [{ claim: 'roles', value: '', tools: ['add'] }] }).length)
  t.ok(messages({ roleRules: [{ claim: 'roles', value: 'Admin', tools: [] }] }).length)
  t.ok(messages({ roleRules: [{ claim: 'roles', value: 'A', tools: ['add'], x: 1 }] }).length)
  t.match(messages({ writesEnabled: 'yes' }).join('\n'), /^writesEnabled:/)
  t.match(messages({ allowList: ['add'] }).join('\n'), /allowList/)
})
