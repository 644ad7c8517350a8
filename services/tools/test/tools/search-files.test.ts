import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { searchFiles } from '../../src/tools/search-files.js'
import { followCursors } from './support/follow.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})
const files = () => (harness.emulator.seed.driveItemsByUser.get(harness.userId('zoe.fischer')) ?? []).slice(1)

t.test("searchFiles: finds a file of Zoë's OneDrive by a word of its name", async (t) => {
  const target = files().find((f) => /[A-Za-z]{5,}/.test(f.name))!
  const word = /[A-Za-z]{5,}/.exec(target.name)![0]
  const result = await runTool(
    searchFiles,
    { query: word, pageSize: 50 },
    await harness.context('zoe.fischer'),
  )
  const found = result.structured!.items.find((f) => f.id === target.id)
  t.ok(found, word)
  t.equal(found?.name, target.name)
  t.equal(found?.webUrl, target.webUrl)
  t.match(result.text, target.name)
})

t.test("searchFiles: cut by the size budget, the cursors resume inside the search's pages", async (t) => {
  // A query in the path (search(q='…')) and a quote in it: the page link must be fetched again as is.
  const args = { query: "e'", pageSize: 10 }
  const reference = await followCursors<{ id: string }>(
    searchFiles,
    args,
    await harness.context('zoe.fischer'),
  )
  const tiny = await harness.context('zoe.fischer', { maxResultBytes: 1200 })
  const followed = await followCursors<{ id: string }>(searchFiles, args, tiny)
  t.ok(reference.items.length > 0, 'the search finds files')
  t.ok(followed.calls.length > reference.calls.length, 'the budget cut pages')
  t.same(
    followed.items.map((f) => f.id),
    reference.items.map((f) => f.id),
    'every file once, in order',
  )
})

t.test('searchFiles: quotes, backslashes and URL syntax in the query are searched as text', async (t) => {
  const context = await harness.context('zoe.fischer')
  for (const query of ["O'Brien's", "')/children?x=('", 'a\\b#c', '%2F..%2F']) {
    const result = await runTool(searchFiles, { query }, context)
    t.same(result.structured!.items, [], query)
  }
})

t.test('searchFiles: blank queries and bounds are refused', async (t) => {
  for (const bad of [
    { query: '' },
    { query: ' ' },
    { query: 'x'.repeat(201) },
    { query: 'a', pageSize: 51 },
  ]) {
    t.notOk(searchFiles.input.safeParse(bad).success, JSON.stringify(bad).slice(0, 40))
  }
})

t.test('searchFiles: without a files permission the error names Files.Read', async (t) => {
  const error = await runTool(
    searchFiles,
    { query: 'plan' },
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Files\.Read/)
})
