// Acceptance (issue 4): the MCP TypeScript SDK 1.x client over Streamable HTTP (2025-11-25), its
// requests alternating between two tools replicas on one Redis, lists every tool with writes
// enabled and calls each one, checked against the emulator's seed.
import t from 'tap'
import {
  createCalendarEvent,
  listCalendarEvents,
  listMessages,
  sendMail,
  tools,
} from '../../src/tools/index.js'
import { startStack, type Stack } from '../support/stack.js'
import { READ_TOOL_CASES } from './support/read-tool-cases.js'
import { connectV1, type V1Connection } from './support/sdk-v1-connect.js'
import { expectResult } from './support/expect-result.js'
import { DAY_MS, iso, seedFacts, weekStart, type SeedFacts } from './support/seed-facts.js'

let stack: Stack
let facts: SeedFacts
let v1: V1Connection
t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn), { toolsEnv: { TOOLS_WRITES_ENABLED: 'true' } })
  facts = seedFacts(stack.emulator.seed)
  const user = await stack.signIn({ username: facts.me.userPrincipalName })
  v1 = await connectV1(
    stack.replicas.map((r) => r.url),
    user.accessToken,
  )
  t.teardown(() => v1.client.close())
})

t.test('sdk 1.x: negotiates 2025-11-25 and sends it on every later request', async (t) => {
  t.equal(v1.transport.protocolVersion, '2025-11-25')
  await v1.client.ping()
  t.equal(v1.spread.protocolVersions.at(-1), '2025-11-25')
})

t.test('sdk 1.x: with writes enabled all 16 tools are listed, each with an output schema', async (t) => {
  const listed = await v1.client.listTools()
  t.same(listed.tools.map((tool) => tool.name).sort(), tools.map((tool) => tool.name).sort())
  t.equal(listed.tools.length, 16)
  t.ok(
    listed.tools.every((tool) => tool.outputSchema?.type === 'object'),
    'every tool declares an object outputSchema',
  )
})

for (const readCase of READ_TOOL_CASES)
  t.test(`sdk 1.x: ${readCase.tool} answers from the seed`, (t) => readCase.check(t, v1.call, facts))

t.test('sdk 1.x: sendMail delivers to the recipient and keeps a copy in Sent Items', async (t) => {
  const subject = `Zirconia review ${Date.now().toString(36)}`
  const { structured } = await expectResult(t, v1.call, sendMail, {
    to: [facts.manager.mail],
    subject,
    body: 'Notes from the acceptance test.',
  })
  t.same(structured, { sent: true, recipients: [facts.manager.mail], savedToSentItems: true })
  const mine = await expectResult(t, v1.call, listMessages, { search: subject })
  t.ok(
    mine.structured.items.some((m) => m.subject === subject),
    "in the sender's mailbox (Sent Items)",
  )
  const recipient = await stack.signIn({ username: facts.manager.userPrincipalName })
  const theirs = await connectV1(
    stack.replicas.map((r) => r.url),
    recipient.accessToken,
  )
  t.teardown(() => theirs.client.close())
  const inbox = await expectResult(t, theirs.call, listMessages, { search: subject })
  const received = inbox.structured.items.find((m) => m.subject === subject)
  t.ok(received, "in the recipient's inbox")
  t.match(received?.from ?? '', facts.me.mail)
})

t.test('sdk 1.x: createCalendarEvent adds an event listCalendarEvents then shows', async (t) => {
  const start = weekStart() + 8 * DAY_MS + 15 * 3_600_000
  const subject = `Acceptance sync ${Date.now().toString(36)}`
  const created = await expectResult(t, v1.call, createCalendarEvent, {
    subject,
    start: iso(start),
    end: iso(start + 30 * 60_000),
    attendees: [facts.manager.mail],
    location: 'Room 4',
  })
  t.equal(created.structured.subject, subject)
  t.equal(created.structured.start, iso(start))
  t.equal(created.structured.location, 'Room 4')
  const listed = await expectResult(t, v1.call, listCalendarEvents, {
    start: iso(start - 3_600_000),
    end: iso(start + 3_600_000),
  })
  const found = listed.structured.items.find((e) => e.id === created.structured.id)
  t.ok(found, 'listed')
  t.equal(found?.subject, subject)
  t.ok(
    found?.attendees?.some((a) => a.toLowerCase().includes(facts.manager.mail.toLowerCase())),
    'with the invited attendee',
  )
})

t.test('sdk 1.x: the requests were spread over both replicas', async (t) => {
  t.equal(v1.spread.hits.length, 2)
  t.ok(
    v1.spread.hits.every((n) => n >= 5),
    `hits per replica: ${v1.spread.hits.join(', ')}`,
  )
})
