import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { getMessage } from '../../src/tools/get-message.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})
const seeded = () => harness.emulator.seed.messagesByUser.get(harness.userId('zoe.fischer')) ?? []

t.test('getMessage: returns sender, recipients and the body as plain text', async (t) => {
  const message = seeded().find((m) => m.body.content.length > 100)!
  const result = await runTool(getMessage, { id: message.id }, await harness.context('zoe.fischer'))
  const structured = result.structured!
  t.equal(structured.subject, message.subject)
  t.equal(structured.from, `${message.from.emailAddress.name} <${message.from.emailAddress.address}>`)
  t.notOk(structured.bodyTruncated)
  t.notMatch(structured.body, /<\/?(p|div|br|html)\b/i, 'no HTML tags')
  const firstWords = /[A-Za-z]{5,}/.exec(message.bodyPreview)![0]
  t.match(structured.body, firstWords)
  t.match(result.text, `Subject: ${message.subject}`)
})

t.test('getMessage: a body above the size budget is cut with a note', async (t) => {
  const message = [...seeded()].sort((a, b) => b.bodyPreview.length - a.bodyPreview.length)[0]!
  t.ok(message.bodyPreview.length > 60, 'a body longer than the budget')
  // 1024 bytes are kept for the headers: 40 are left for the body.
  const result = await runTool(
    getMessage,
    { id: message.id },
    await harness.context('zoe.fischer', { maxResultBytes: 1064 }),
  )
  t.ok(result.structured!.bodyTruncated)
  t.ok(Buffer.byteLength(result.structured!.body) <= 40)
  t.match(result.text, /Body cut to fit the size limit/)
})

t.test('getMessage: an unknown id is a curated not_found', async (t) => {
  const error = await runTool(
    getMessage,
    { id: 'AAMkNoSuchMessage' },
    await harness.context('zoe.fischer'),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'not_found'))
})

t.test('getMessage: ids that could change the path are refused', async (t) => {
  for (const id of ['', '../me', 'a/b', 'a?b', 'a b', 'x'.repeat(513)])
    t.notOk(getMessage.input.safeParse({ id }).success, id)
})

t.test('getMessage: without Mail.Read the error names it', async (t) => {
  const id = seeded()[0]!.id
  const error = await runTool(
    getMessage,
    { id },
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Mail\.Read/)
})
