import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { listMessages } from '../../src/tools/list-messages.js'
import { followCursors } from './support/follow.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})
const seeded = () => harness.emulator.seed.messagesByUser.get(harness.userId('zoe.fischer')) ?? []

t.test("listMessages: Zoë's newest messages first, metadata and preview but no body", async (t) => {
  const result = await runTool(listMessages, { pageSize: 5 }, await harness.context('zoe.fischer'))
  const items = result.structured!.items
  t.same(
    items.map((m) => m.id),
    seeded()
      .slice(0, 5)
      .map((m) => m.id),
  )
  const first = seeded()[0]!
  t.equal(items[0]!.subject, first.subject)
  t.equal(items[0]!.preview, first.bodyPreview)
  t.notOk('body' in items[0]!, 'no body')
  t.match(result.text, first.subject)
  t.ok(result.structured!.nextCursor, 'more pages')
})

t.test('listMessages: unreadOnly returns only unread messages, newest first', async (t) => {
  const unread = seeded().filter((m) => !m.isRead)
  t.ok(unread.length > 0 && unread.length < seeded().length, 'the seed has read and unread mail')
  const result = await runTool(
    listMessages,
    { unreadOnly: true, pageSize: 50 },
    await harness.context('zoe.fischer'),
  )
  t.same(
    result.structured!.items.map((m) => m.id),
    unread.slice(0, 50).map((m) => m.id),
  )
})

t.test('listMessages: cursor paging visits every message once', async (t) => {
  const context = await harness.context('zoe.fischer')
  const seen: string[] = []
  let cursor: string | undefined
  do {
    const page = await runTool(listMessages, { pageSize: 50, ...(cursor ? { cursor } : {}) }, context)
    seen.push(...page.structured!.items.map((m) => m.id))
    cursor = page.structured!.nextCursor
  } while (cursor !== undefined)
  t.same(
    seen,
    seeded().map((m) => m.id),
  )
})

t.test(
  'listMessages: under a small size budget, following nextCursor shows every message once',
  async (t) => {
    const context = await harness.context('zoe.fischer', { maxResultBytes: 1500 })
    const followed = await followCursors<{ id: string }>(listMessages, { pageSize: 10 }, context)
    t.ok(seeded().length > 10, 'more messages than a page')
    const cut = followed.calls.filter((c) => c.note !== undefined)
    t.ok(cut.length > 0, 'the budget cut pages')
    for (const call of cut) t.match(call.note, /continue with the first item left out/)
    t.same(
      followed.items.map((m) => m.id),
      seeded().map((m) => m.id),
      'every message exactly once, newest first',
    )
  },
)

t.test('listMessages: search finds a message by a word of its subject', async (t) => {
  const target = seeded().find((m) => /[A-Za-z]{6,}/.test(m.subject))!
  const word = /[A-Za-z]{6,}/.exec(target.subject)![0]
  const result = await runTool(
    listMessages,
    { search: word, pageSize: 50 },
    await harness.context('zoe.fischer'),
  )
  t.ok(
    result.structured!.items.some((m) => m.id === target.id),
    word,
  )
  t.ok(result.structured!.items.every((m) => m.subject !== undefined))
})

t.test('listMessages: quotes and KQL operators in search stay text', async (t) => {
  const context = await harness.context('zoe.fischer')
  const result = await runTool(listMessages, { search: 'zzqx" OR "a' }, context)
  t.same(result.structured!.items, [], 'OR inside the text is not an operator')
  await runTool(listMessages, { search: 'budget\\' }, context)
})

t.test('listMessages: search with unreadOnly, and bounds, are refused by the schema', async (t) => {
  for (const bad of [{ search: 'x', unreadOnly: true }, { pageSize: 51 }, { pageSize: 0 }, { search: '"' }]) {
    t.notOk(listMessages.input.safeParse(bad).success, JSON.stringify(bad))
  }
})

t.test('listMessages: without a mail permission the error names Mail.ReadBasic', async (t) => {
  const error = await runTool(listMessages, {}, await harness.context('zoe.fischer', { app: 'basic' })).catch(
    (e: unknown) => e,
  )
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Mail\.ReadBasic/)
})
