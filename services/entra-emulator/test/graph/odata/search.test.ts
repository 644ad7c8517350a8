import t from 'tap'
import { DIRECTORY, OUTLOOK } from '../../../src/graph/odata/dialect.js'
import { compileDirectorySearch } from '../../../src/graph/odata/search.js'
import { compileTextSearch } from '../../../src/graph/odata/text-search.js'
import { GraphError } from '../../../src/graph/errors.js'
import { thrown } from '../helpers.js'

const codeOf = (fn: () => unknown) => {
  const err = thrown(fn)
  return err instanceof GraphError ? err.code : undefined
}

const users = [
  { id: '1', displayName: 'Adele Vance', mail: 'adele.vance@contoso.example' },
  { id: '2', displayName: 'AlexWilber', mail: 'alex.w@contoso.example' },
  { id: '3', displayName: 'Megan "Meg" Bowen', mail: 'megan@contoso.example' },
]
const run = (q: string) =>
  users.filter(compileDirectorySearch(q, ['displayName', 'mail'], DIRECTORY)).map((u) => u.id)

t.test(
  'directory $search: displayName is tokenized (spaces, case changes), other properties prefix-match',
  async (t) => {
    t.same(run('"displayName:vance"'), ['1'])
    t.same(run('"displayName:wil"'), ['2'], 'camel-case word boundary')
    t.same(run('"displayName:ance"'), [], 'not a substring match')
    t.same(run('"mail:alex"'), ['2'])
    t.same(run('"mail:vance"'), [], 'mail matches from its start only')
  },
)

t.test('directory $search: AND binds tighter than OR; \\" escapes a quote', async (t) => {
  t.same(run('"displayName:adele" AND "mail:adele"'), ['1'])
  t.same(run('"displayName:adele" AND "mail:megan" OR "displayName:alex"'), ['2'])
  t.same(run('"displayName:\\"meg\\""'), ['3'])
})

t.test(
  'directory $search: malformed → Request_BadRequest, unsearchable property → Request_UnsupportedQuery',
  async (t) => {
    for (const bad of [
      'adele',
      '"displayName:adele',
      '"displayName:"',
      '":adele"',
      '"displayName:a" "mail:b"',
      '"displayName:a" XOR "mail:b"',
    ]) {
      t.equal(
        codeOf(() => run(bad)),
        'Request_BadRequest',
        bad,
      )
    }
    t.equal(
      codeOf(() => run('"jobTitle:cto"')),
      'Request_UnsupportedQuery',
    )
  },
)

t.test(
  'free-text $search: every word must prefix a word; property:word restricts; OR alternates',
  async (t) => {
    const messages = [
      { id: 'a', subject: 'Budget review', body: 'numbers attached', from: 'Adele' },
      { id: 'b', subject: 'Lunch', body: 'budget for pizza', from: 'Megan' },
    ]
    const fields = {
      subject: (m: Record<string, unknown>) => [m.subject as string],
      body: (m: Record<string, unknown>) => [m.body as string],
      from: (m: Record<string, unknown>) => [m.from as string],
    }
    const run = (q: string) => messages.filter(compileTextSearch(q, fields, OUTLOOK)).map((m) => m.id)
    t.same(run('"budget"'), ['a', 'b'])
    t.same(run('budg rev'), ['a'])
    t.same(run('"subject:budget"'), ['a'])
    t.same(run('"from:megan pizza"'), ['b'])
    t.same(run('"lunch OR numbers"'), ['a', 'b'])
    t.equal(
      codeOf(() => run('""')),
      'BadRequest',
    )
  },
)
