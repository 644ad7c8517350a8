import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { searchPeople } from '../../src/tools/search-people.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test('searchPeople: finds Marcus Chen for Zoë by first name', async (t) => {
  const result = await runTool(searchPeople, { query: 'marcus' }, await harness.context('zoe.fischer'))
  const marcus = result.structured!.items.find((p) => p.email === 'marcus.chen@contoso.example')
  t.ok(marcus, 'Marcus is among the results')
  t.equal(marcus?.displayName, 'Marcus Chen')
  t.match(result.text, /Marcus Chen <marcus\.chen@contoso\.example>/)
})

t.test('searchPeople: returns at most top people', async (t) => {
  const result = await runTool(searchPeople, { query: 'a', top: 2 }, await harness.context('zoe.fischer'))
  t.ok(result.structured!.items.length <= 2)
})

t.test('searchPeople: quotes, backslashes and KQL operators in the query stay text', async (t) => {
  const context = await harness.context('zoe.fischer')
  for (const query of ['marcus"', 'marcus\\', '"marcus']) {
    const result = await runTool(searchPeople, { query }, context)
    t.ok(
      result.structured!.items.some((p) => p.displayName === 'Marcus Chen'),
      query,
    )
  }
  const injected = await runTool(searchPeople, { query: 'marcus" OR "zoe' }, context)
  t.same(injected.structured!.items, [], 'OR inside the text is not an operator')
})

t.test('searchPeople: blank queries and top above 25 are refused', async (t) => {
  for (const bad of [
    { query: '' },
    { query: '   ' },
    { query: '"\\' },
    { query: 'a', top: 26 },
    { query: 'a', top: 0 },
    {},
  ]) {
    t.notOk(searchPeople.input.safeParse(bad).success, JSON.stringify(bad))
  }
})

t.test('searchPeople: without People.Read the error names it', async (t) => {
  const error = await runTool(
    searchPeople,
    { query: 'marcus' },
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /People\.Read/)
})

t.test(
  'searchPeople: cut by the size budget, it says so and offers no cursor it could not honour',
  async (t) => {
    const full = await runTool(searchPeople, { query: 'a', top: 25 }, await harness.context('zoe.fischer'))
    const cut = await runTool(
      searchPeople,
      { query: 'a', top: 25 },
      await harness.context('zoe.fischer', { maxResultBytes: 900 }),
    )
    t.ok(full.structured!.items.length > cut.structured!.items.length, 'people were left out')
    t.ok(cut.structured!.items.length > 0, 'the most relevant are shown')
    t.same(
      cut.structured!.items,
      full.structured!.items.slice(0, cut.structured!.items.length),
      'the first of the ranking',
    )
    t.equal(cut.structured!.nextCursor, undefined, 'no cursor: a ranking is not a page to fetch again')
    t.match(cut.structured!.note, /Result cut to fit the size limit/)
    t.match(cut.structured!.note, /no cursor/)
    t.match(cut.structured!.note, /more specific query/)
  },
)
