import t from 'tap'
import { tools } from '../../src/tools/index.js'

t.test('tools: names are unique camelCase and the original four keep their names', async (t) => {
  const names = tools.map((tool) => tool.name)
  t.equal(new Set(names).size, names.length)
  for (const name of names) t.match(name, /^[a-z][A-Za-z0-9]*$/)
  for (const original of ['add', 'getUserProfile', 'searchPeople', 'listUsers'])
    t.ok(names.includes(original), original)
  t.equal(names.length, 16)
})

t.test('tools: every input field is described for the model', async (t) => {
  for (const tool of tools) {
    for (const [field, schema] of Object.entries(tool.input.shape)) {
      t.ok((schema as { description?: string }).description, `${tool.name}.${field}`)
    }
  }
})

t.test(
  'tools: only sendMail and createCalendarEvent write, and they are annotated destructive',
  async (t) => {
    const writers = tools.filter((tool) => tool.write).map((tool) => tool.name)
    t.same(writers.sort(), ['createCalendarEvent', 'sendMail'])
    for (const tool of tools) {
      t.equal(tool.annotations.readOnlyHint, !tool.write, tool.name)
      if (tool.write) t.equal(tool.annotations.destructiveHint, true, tool.name)
    }
  },
)

t.test('tools: every Graph tool names the permissions that allow it; add needs none', async (t) => {
  for (const tool of tools) {
    if (tool.name === 'add') t.same(tool.permissions, [])
    else t.ok(tool.permissions.length > 0, tool.name)
  }
  const byName = new Map(tools.map((tool) => [tool.name, tool.permissions]))
  t.equal(byName.get('getUserProfile')?.[0], 'User.Read')
  t.same(byName.get('sendMail'), ['Mail.Send'])
  t.equal(byName.get('listMessages')?.[0], 'Mail.ReadBasic')
  t.notOk(
    byName.get('getMessage')?.includes('Mail.ReadBasic'),
    'reading a body needs more than Mail.ReadBasic',
  )
})
