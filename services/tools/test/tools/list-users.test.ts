// listUsers against the emulator's Contoso directory: cursor paging visits every user exactly once,
// cursors are bound to the tool, the user and their bytes, $search values are escaped, a missing
// permission is named, and the size budget cuts with a note instead of silently.
import t from 'tap'
import { CONTOSO } from '@m365mcp/entra-emulator'
import { isToolError } from '../../src/graph/tool-error.js'
import { listDirectReports } from '../../src/tools/list-direct-reports.js'
import { listUsers } from '../../src/tools/list-users.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test('listUsers: cursor paging returns every user exactly once', async (t) => {
  const context = await harness.context('zoe.fischer')
  const expected = harness.emulator.seed.users.filter((u) => u.tenantId === CONTOSO.id).map((u) => u.id)
  const seen: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const result = await runTool(listUsers, { pageSize: 7, ...(cursor ? { cursor } : {}) }, context)
    const structured = result.structured!
    t.ok(structured.items.length <= 7, 'a page holds at most pageSize users')
    seen.push(...structured.items.map((u) => u.id))
    cursor = structured.nextCursor
    pages++
  } while (cursor !== undefined && pages < 200)
  t.ok(pages > 1, 'more than one page')
  t.equal(new Set(seen).size, seen.length, 'no user twice')
  t.same([...seen].sort(), [...expected].sort(), 'every Contoso user')
})

t.test('listUsers: the text has a line per user and names the cursor', async (t) => {
  const result = await runTool(listUsers, { pageSize: 3 }, await harness.context('zoe.fischer'))
  const structured = result.structured!
  t.equal(structured.items.length, 3)
  for (const user of structured.items) t.match(result.text, user.id)
  t.ok(structured.nextCursor)
  t.match(result.text, structured.nextCursor!)
})

t.test('listUsers: search finds by display name and by mail prefix', async (t) => {
  const context = await harness.context('zoe.fischer')
  const byName = await runTool(listUsers, { search: 'Marcus' }, context)
  t.ok(byName.structured!.items.some((u) => u.mail === 'marcus.chen@contoso.example'))
  const byMail = await runTool(listUsers, { search: 'zoe.fischer' }, context)
  t.same(
    byMail.structured!.items.map((u) => u.id),
    [harness.userId('zoe.fischer')],
  )
})

t.test('listUsers: quotes and backslashes in search are escaped, not query syntax', async (t) => {
  const context = await harness.context('zoe.fischer')
  const apostrophe = await runTool(listUsers, { search: "O'Brien" }, context)
  t.ok(apostrophe.structured!.items.some((u) => u.id === harness.userId('liam.obrien')))
  for (const search of ['Marcus" OR "displayName:Z', 'back\\slash', '"', '\\']) {
    const result = await runTool(listUsers, { search }, context)
    t.same(result.structured!.items, [], `no match and no syntax error for ${search}`)
  }
})

t.test('listUsers: a cursor from another tool is refused', async (t) => {
  const context = await harness.context('marcus.chen')
  const page = await runTool(listUsers, { pageSize: 2 }, context)
  const cursor = page.structured!.nextCursor!
  const error = await listDirectReports
    .handler(listDirectReports.input.parse({ cursor }), context)
    .catch((e: unknown) => e)
  t.ok(isToolError(error, 'bad_request'), 'bad_request')
})

t.test('listUsers: a cursor of another user is refused', async (t) => {
  const page = await runTool(listUsers, { pageSize: 2 }, await harness.context('marcus.chen'))
  const error = await runTool(
    listUsers,
    { cursor: page.structured!.nextCursor },
    await harness.context('zoe.fischer'),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'bad_request'))
})

t.test('listUsers: a tampered cursor is refused', async (t) => {
  const context = await harness.context('zoe.fischer')
  const cursor = (await runTool(listUsers, { pageSize: 2 }, context)).structured!.nextCursor!
  const [version, payload, tag] = cursor.split('.') as [string, string, string]
  const link = Buffer.from(payload, 'base64url').toString('utf8').replace('$top=2', '$top=99')
  t.not(link, Buffer.from(payload, 'base64url').toString('utf8'), 'the link was edited')
  const forged = `${version}.${Buffer.from(link).toString('base64url')}.${tag}`
  const error = await runTool(listUsers, { cursor: forged }, context).catch((e: unknown) => e)
  t.ok(isToolError(error, 'bad_request'))
  t.match((error as Error).message, /cursor is invalid/)
})

t.test('listUsers: input outside the bounds is refused by the schema', async (t) => {
  for (const bad of [
    { pageSize: 0 },
    { pageSize: 101 },
    { pageSize: 2.5 },
    { search: 'x'.repeat(201) },
    { cursor: '' },
  ]) {
    t.notOk(listUsers.input.safeParse(bad).success, JSON.stringify(bad).slice(0, 40))
  }
  t.equal(listUsers.input.parse({}).pageSize, 25, 'default page size')
})

t.test('listUsers: without a directory permission the error names it', async (t) => {
  const context = await harness.context('zoe.fischer', { app: 'basic' })
  const error = await runTool(listUsers, {}, context).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /User\.ReadBasic\.All/)
  t.match((error as Error).message, /administrator/)
})

t.test('listUsers: a result above the size budget is cut with a note and a cursor', async (t) => {
  const context = await harness.context('zoe.fischer', { maxResultBytes: 1500 })
  const result = await runTool(listUsers, { pageSize: 50 }, context)
  const structured = result.structured!
  t.ok(structured.items.length > 0 && structured.items.length < 50, 'some users, not the whole page')
  t.match(structured.note, /Result cut to fit the size limit/)
  t.ok(structured.nextCursor)
  t.match(result.text, /more were left out/)
})
