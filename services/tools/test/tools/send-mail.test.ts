import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { listMessages } from '../../src/tools/list-messages.js'
import { sendMail } from '../../src/tools/send-mail.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})

t.test("sendMail: the message arrives in the recipients' inboxes and the sender's Sent Items", async (t) => {
  const subject = 'Quarzite rollout notes'
  const result = await runTool(
    sendMail,
    {
      to: ['marcus.chen@contoso.example'],
      cc: ['liam.obrien@contoso.example'],
      subject,
      body: 'The rollout is on track.',
    },
    await harness.context('zoe.fischer'),
  )
  t.same(result.structured, {
    sent: true,
    recipients: ['marcus.chen@contoso.example', 'liam.obrien@contoso.example'],
    savedToSentItems: true,
  })
  for (const who of ['marcus.chen', 'liam.obrien', 'zoe.fischer']) {
    const found = await runTool(listMessages, { search: 'Quarzite' }, await harness.context(who))
    const message = found.structured!.items.find((m) => m.subject === subject)
    t.ok(message, `${who} has the message`)
    t.match(message?.from, /zoe\.fischer@contoso\.example/)
  }
})

t.test('sendMail: saveToSentItems false leaves no copy with the sender', async (t) => {
  await runTool(
    sendMail,
    { to: ['marcus.chen@contoso.example'], subject: 'Basaltic note', body: 'x', saveToSentItems: false },
    await harness.context('zoe.fischer'),
  )
  const marcus = await runTool(listMessages, { search: 'Basaltic' }, await harness.context('marcus.chen'))
  t.equal(marcus.structured!.items.length, 1)
  const zoe = await runTool(listMessages, { search: 'Basaltic' }, await harness.context('zoe.fischer'))
  t.same(zoe.structured!.items, [])
})

t.test('sendMail: bad addresses, missing recipients and empty subjects are refused', async (t) => {
  const ok = { to: ['marcus.chen@contoso.example'], subject: 's', body: 'b' }
  t.ok(sendMail.input.safeParse(ok).success)
  const bad = [
    { ...ok, to: [] },
    { ...ok, to: ['marcus'] },
    { ...ok, to: ['a@b@c.example'] },
    { ...ok, cc: ['Marcus <marcus.chen@contoso.example>'] },
    { ...ok, subject: ' ' },
    { ...ok, body: '' },
  ]
  for (const input of bad)
    t.notOk(sendMail.input.safeParse(input).success, JSON.stringify(input).slice(0, 80))
})

t.test('sendMail: is a destructive write tool', async (t) => {
  t.equal(sendMail.write, true)
  t.equal(sendMail.annotations.readOnlyHint, false)
  t.equal(sendMail.annotations.destructiveHint, true)
})

t.test('sendMail: without Mail.Send the error names it', async (t) => {
  const error = await runTool(
    sendMail,
    { to: ['marcus.chen@contoso.example'], subject: 's', body: 'b' },
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Mail\.Send/)
})
