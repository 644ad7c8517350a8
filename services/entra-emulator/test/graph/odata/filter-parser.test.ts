import t from 'tap'
import { thrown } from '../helpers.js'
import {
  FilterSyntaxError,
  FilterUnsupportedError,
  parseFilter,
} from '../../../src/graph/odata/filter-parser.js'

t.test('parseFilter: and binds tighter than or; parentheses override', async (t) => {
  t.same(parseFilter("a eq 'x' or b eq 'y' and c eq true"), {
    kind: 'or',
    left: { kind: 'compare', op: 'eq', path: 'a', value: { type: 'string', value: 'x' } },
    right: {
      kind: 'and',
      left: { kind: 'compare', op: 'eq', path: 'b', value: { type: 'string', value: 'y' } },
      right: { kind: 'compare', op: 'eq', path: 'c', value: { type: 'boolean', value: true } },
    },
  })
  const grouped = parseFilter("(a eq 'x' or b eq 'y') and c eq null")
  t.equal(grouped.kind, 'and')
})

t.test("parseFilter: '' inside a string literal is one quote (OData ABNF SQUOTE-in-string)", async (t) => {
  t.same(parseFilter("surname eq 'O''Brien'"), {
    kind: 'compare',
    op: 'eq',
    path: 'surname',
    value: { type: 'string', value: "O'Brien" },
  })
})

t.test('parseFilter: functions, in, not, paths, numbers and DateTimeOffset literals', async (t) => {
  t.same(parseFilter("startsWith(displayName,'Ad')"), {
    kind: 'call',
    fn: 'startswith',
    path: 'displayName',
    value: { type: 'string', value: 'Ad' },
  })
  t.same(parseFilter("mail in ('a@x', 'b@x')"), {
    kind: 'in',
    path: 'mail',
    values: [
      { type: 'string', value: 'a@x' },
      { type: 'string', value: 'b@x' },
    ],
  })
  t.equal(parseFilter("not startsWith(mail,'a')").kind, 'not')
  t.same(parseFilter("from/emailAddress/address eq 'a@x'"), {
    kind: 'compare',
    op: 'eq',
    path: 'from/emailAddress/address',
    value: { type: 'string', value: 'a@x' },
  })
  const dt = parseFilter('receivedDateTime ge 2025-06-01T00:00:00Z')
  t.same(dt, {
    kind: 'compare',
    op: 'ge',
    path: 'receivedDateTime',
    value: { type: 'dateTime', value: Date.parse('2025-06-01T00:00:00Z'), raw: '2025-06-01T00:00:00Z' },
  })
  t.same(parseFilter('size gt 10'), {
    kind: 'compare',
    op: 'gt',
    path: 'size',
    value: { type: 'number', value: 10 },
  })
})

t.test('parseFilter: malformed input throws FilterSyntaxError with a position', async (t) => {
  for (const bad of [
    '',
    'displayName eq',
    "displayName eq 'x",
    "displayName 'x'",
    "a eq 'x' and",
    "(a eq 'x'",
    "a eq 'x')",
    'a eq 2025-13-45T00:00Z',
    "a eq 'x' ; drop",
  ]) {
    t.ok(thrown(() => parseFilter(bad)) instanceof FilterSyntaxError, bad)
  }
})

t.test(
  'parseFilter: lambda operators and unknown functions are unsupported, not syntax errors',
  async (t) => {
    t.ok(
      thrown(() => parseFilter("proxyAddresses/any(p:startsWith(p,'smtp'))")) instanceof
        FilterUnsupportedError,
    )
    t.ok(thrown(() => parseFilter('length(displayName) eq 3')) instanceof FilterUnsupportedError)
  },
)
