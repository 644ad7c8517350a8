// A tools/call is recorded with the tool, its outcome, duration and the Graph request ids of the
// call, and nothing from the arguments or the result (docs/audit.md).
import { createAuditLog, type AuditEvent } from '@m365mcp/audit'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import pino from 'pino'
import t from 'tap'
import { startStack } from '../support/stack.js'

t.test(
  'audit: a tools/call records the tool, outcome, duration and Graph request ids, never arguments (issue 7)',
  async (t) => {
    const written: AuditEvent[] = []
    // No Redis here: the queue and worker are covered in shared/audit; this checks what is recorded.
    const audit = createAuditLog({
      connection: null,
      queueName: 'audit',
      service: 'tools',
      logger: pino({ level: 'silent' }),
      sink: { name: 'memory', write: async (event) => void written.push(event) },
    })
    const stack = await startStack((fn) => t.teardown(fn), { replicas: 1, toolsAudit: audit })
    const replica = stack.replicas[0]
    if (!replica) throw new Error('no replica')
    const user = await stack.signIn()
    const client = new Client({ name: 'audit-test', version: '1.0.0' })
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${replica.url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${user.accessToken}` } },
      }),
    )
    t.teardown(() => client.close())

    const marker = 'audit-marker-argument-text'
    t.match(await client.callTool({ name: 'getUserProfile', arguments: {} }), { content: [{ type: 'text' }] })
    t.match(await client.callTool({ name: 'add', arguments: { a: marker } }), { isError: true })
    await audit.close()

    t.equal(written.length, 2)
    const [profile, bad] = written
    t.match(profile, {
      service: 'tools',
      kind: 'tool_call',
      tool: 'getUserProfile',
      outcome: 'ok',
      subject: user.sub,
      clientId: stack.clientId,
      grantId: /^grt_/,
    })
    t.type(profile?.durationMs, 'number')
    t.ok((profile?.graphRequestIds?.length ?? 0) >= 1, 'the Graph request id of the call is recorded')
    t.match(profile?.graphRequestIds?.[0], /^[A-Za-z0-9-]+$/)
    t.match(bad, { tool: 'add', outcome: 'tool_error' })
    t.notOk(bad && 'graphRequestIds' in bad, 'no Graph request for a local tool')
    const raw = JSON.stringify(written)
    t.notOk(raw.includes(marker), 'no argument text')
    t.notOk(raw.includes(user.accessToken), 'no token')
    t.notOk(raw.includes(stack.demoUsername(0)), 'no UPN from the Graph result')
  },
)
