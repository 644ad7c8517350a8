// listUsers against the emulator's Contoso directory: cursor paging visits every user exactly once,
// cursors are bound to the tool, the user and their bytes, $search values are escaped, a missing
// permission is named, and the size budget cuts with a note and a cursor that resumes at the first
// user left out, so following cursors under any budget still shows every user once.
import { createHmac } from 'node:crypto'
import t, { type Test } from 'tap'
import { CONTOSO } from '@m365mcp/entra-emulator'
import { isToolError } from '../../src/graph/tool-error.js'
import { listDirectReports } from '../../src/tools/list-direct-reports.js'
import { listUsers } from '../../src/tools/list-users.js'
import type { ToolContext } from '../../src/tools/tool-definition.js'
import { USER_SELECT } from '../../src/tools/user-fields.js'
import { followCursors } from './support/follow.js'
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
  const [version, payload, skip, tag] = cursor.split('.') as [string, string, string, string]
  const link = Buffer.from(payload, 'base64url').toString('utf8').replace('$top=2', '$top=99')
  t.not(link, Buffer.from(payload, 'base64url').toString('utf8'), 'the link was edited')
  const forged = `${version}.${Buffer.from(link).toString('base64url')}.${skip}.${tag}`
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

const BUDGET = 1500

async function refusedCursor(
  t: Test,
  tool: typeof listUsers,
  cursor: string,
  context: ToolContext,
  label: string,
) {
  const error = await runTool(tool, { cursor }, context).catch((e: unknown) => e)
  t.ok(isToolError(error, 'bad_request'), `${label}: bad_request`)
  t.match((error as Error).message, /cursor is invalid/, `${label}: invalid cursor`)
}

/** A cut first page of listUsers and its resume cursor (it keeps users of that page for later). */
async function cutPage(context: ToolContext) {
  const result = await runTool(listUsers, { pageSize: 50 }, context)
  const cursor = result.structured!.nextCursor!
  const [version, payload, skip, tag] = cursor.split('.') as [string, string, string, string]
  return { result, cursor, version, payload, skip, tag, link: Buffer.from(payload, 'base64url').toString() }
}

t.test('listUsers: a result above the size budget is cut with a note and a resume cursor', async (t) => {
  const context = await harness.context('zoe.fischer', { maxResultBytes: BUDGET })
  const { result, version, skip, link } = await cutPage(context)
  const structured = result.structured!
  t.ok(structured.items.length > 0 && structured.items.length < 50, 'some users, not the whole page')
  t.match(structured.note, /Result cut to fit the size limit/)
  t.match(structured.note, /continue with the first item left out/)
  t.notMatch(structured.note, /smaller page size/)
  t.match(result.text, /more were left out/)
  t.ok(Buffer.byteLength(result.text) <= BUDGET, 'the text keeps to the budget')
  t.equal(version, 'c2')
  t.equal(Number(skip), structured.items.length, 'resumes after the users shown')
  t.equal(link, `${harness.emulator.graphBaseUrl}/users?$select=${encodeURIComponent(USER_SELECT)}&$top=50`)
})

t.test('listUsers: following nextCursor under a small budget shows every user once, in order', async (t) => {
  const reference = await followCursors<{ id: string }>(
    listUsers,
    { pageSize: 100 },
    await harness.context('zoe.fischer'),
  )
  t.notOk(
    reference.calls.some((c) => c.note),
    'the reference listing is not cut',
  )
  const expected = harness.emulator.seed.users.filter((u) => u.tenantId === CONTOSO.id).map((u) => u.id)
  t.ok(expected.length > 50, 'more users than one page of 50')
  t.same([...reference.items.map((u) => u.id)].sort(), [...expected].sort(), 'the reference has every user')

  const context = await harness.context('zoe.fischer', { maxResultBytes: BUDGET })
  const cut = await followCursors<{ id: string }>(listUsers, { pageSize: 50 }, context)
  t.ok(cut.calls.length > Math.ceil(expected.length / 50), 'the budget cut pages')
  t.ok(
    cut.calls.every((c) => c.items.length > 0 && c.items.length < 50),
    'every call showed some users, none a whole page',
  )
  // A call that shows the rest of a Graph page is not cut: it moves on to the next page.
  t.ok(
    cut.calls.filter((c) => c.note !== undefined).length >= cut.calls.length / 2,
    'most calls said they were cut',
  )
  t.same(
    cut.items.map((u) => u.id),
    reference.items.map((u) => u.id),
    'every user exactly once, in the order Graph lists them',
  )
})

t.test('listUsers: a cut last page still gets a resume cursor, a page shown to its end none', async (t) => {
  const context = await harness.context('zoe.fischer', { maxResultBytes: BUDGET })
  const total = harness.emulator.seed.users.filter((u) => u.tenantId === CONTOSO.id).length
  // One Graph page holds every user: cutting it is cutting the last page.
  const followed = await followCursors<{ id: string }>(listUsers, { pageSize: 100 }, context)
  t.ok(total <= 100, 'one page of 100 holds the directory')
  t.ok(followed.calls.length > 1, 'the single page was cut, and continued')
  t.equal(followed.items.length, total, 'every user of the last page was reached')
  t.equal(followed.calls.at(-1)!.nextCursor, undefined, 'no cursor once the last page was shown')
})

t.test('listUsers: a resume cursor with its skip changed is refused', async (t) => {
  const context = await harness.context('zoe.fischer', { maxResultBytes: BUDGET })
  const { cursor, version, payload, skip, tag } = await cutPage(context)
  t.ok(Number(skip) > 0)
  const opened = await runTool(listUsers, { cursor }, context)
  t.ok(opened.structured!.items.length > 0, 'the untouched cursor opens')
  for (const other of [0, Number(skip) - 1, Number(skip) + 1, 999]) {
    await refusedCursor(t, listUsers, `${version}.${payload}.${other}.${tag}`, context, `skip ${other}`)
  }
})

t.test('listUsers: a resume cursor of another user or another tool is refused', async (t) => {
  const marcus = await harness.context('marcus.chen', { maxResultBytes: BUDGET })
  const { cursor } = await cutPage(marcus)
  await refusedCursor(t, listUsers, cursor, await harness.context('zoe.fischer'), 'another user')
  const error = await listDirectReports
    .handler(listDirectReports.input.parse({ cursor }), marcus)
    .catch((e: unknown) => e)
  t.ok(isToolError(error, 'bad_request'), 'another tool: bad_request')
})

t.test('listUsers: a resume cursor pointing outside Graph is refused even with a valid MAC', async (t) => {
  const context = await harness.context('zoe.fischer', { maxResultBytes: BUDGET })
  const { link, skip } = await cutPage(context)
  const base = new URL(harness.emulator.graphBaseUrl)
  // MACed with the real key and recipe, as a holder of CURSOR_KEYS could: only the link check is left.
  const forge = (target: string) => {
    const fields = ['m365mcp-cursor', 'c2', context.user.sub, 'listUsers', target, Number(skip)]
    const mac = createHmac('sha256', context.cursorKeys[0]!)
      .update(JSON.stringify(fields))
      .digest('base64url')
    return `c2.${Buffer.from(target).toString('base64url')}.${skip}.${mac}`
  }
  const genuine = await runTool(listUsers, { cursor: forge(link) }, context)
  t.ok(genuine.structured!.items.length > 0, 'the forgery recipe is the real one: a Graph link opens')
  for (const target of [
    link.replace(base.host, 'evil.example'),
    link.replace(`${base.host}/v1.0/`, `${base.host}/beta/`),
    link.replace('https://', 'http://'),
    link.replace(base.host, `${base.hostname}.evil.example:${base.port}`),
  ]) {
    t.not(target, link)
    await refusedCursor(t, listUsers, forge(target), context, target)
  }
})
