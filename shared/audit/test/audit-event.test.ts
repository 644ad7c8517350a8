import { randomUUID } from 'node:crypto'
import t from 'tap'
import { parseAuditEvent } from '../src/index.js'

const base = () => ({
  id: randomUUID(),
  at: new Date().toISOString(),
  service: 'tools',
  kind: 'tool_call',
  subject: 'usr_123',
  clientId: 'cli_abc',
  grantId: 'grt_xyz',
  tool: 'listMail',
  outcome: 'ok',
  durationMs: 12,
  graphRequestIds: ['0b5e8a4c-1111-2222-3333-444455556666'],
})

t.test('audit event: unknown fields such as arguments or bodies are stripped (issue 7)', async (t) => {
  const event = parseAuditEvent({
    ...base(),
    arguments: { body: 'Dear Bob, the password is hunter2' },
    body: 'message text',
    accessToken: 'secret',
  })
  t.notOk('arguments' in event)
  t.notOk('body' in event)
  t.notOk('accessToken' in event)
  t.equal(event.tool, 'listMail')
})

t.test('audit event: a JWT-looking value or free text in an id field is refused (issue 7)', async (t) => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln'
  t.throws(() => parseAuditEvent({ ...base(), subject: jwt }))
  t.throws(() => parseAuditEvent({ ...base(), clientId: `x${jwt}` }))
  t.throws(() => parseAuditEvent({ ...base(), graphRequestIds: [jwt] }))
  t.throws(() => parseAuditEvent({ ...base(), reason: 'Upstream said: user not found' }))
  t.throws(() => parseAuditEvent({ ...base(), tool: 'list mail' }))
})

t.test('audit event: subject is required except for consent_denied, tool for tool_call', async (t) => {
  const { subject: _subject, ...anonymous } = base()
  t.throws(() => parseAuditEvent(anonymous))
  t.ok(parseAuditEvent({ ...anonymous, kind: 'consent_denied', outcome: 'denied', tool: undefined }))
  const { tool: _tool, ...noTool } = base()
  t.throws(() => parseAuditEvent(noTool))
  t.throws(() => parseAuditEvent({ ...base(), kind: 'signed_in' }))
  t.throws(() => parseAuditEvent({ ...base(), id: 'not-a-uuid' }))
})
