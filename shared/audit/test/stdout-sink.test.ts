import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import t from 'tap'
import { parseAuditEvent, stdoutSink } from '../src/index.js'

t.test('stdout sink: one JSON line per event, marked audit:true with its kind (issue 7)', async (t) => {
  let output = ''
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8')
      done()
    },
  })
  const sink = stdoutSink(stream)
  const events = ['grant_created', 'grant_revoked'].map((kind) =>
    parseAuditEvent({
      id: randomUUID(),
      at: new Date().toISOString(),
      service: 'auth',
      kind,
      subject: 'usr_1',
      outcome: 'ok',
    }),
  )
  for (const event of events) await sink.write(event)
  const lines = output.split('\n')
  t.equal(lines.length, 3, 'two lines, each ended by a newline')
  t.equal(lines[2], '')
  for (const [i, event] of events.entries()) {
    const parsed = JSON.parse(lines[i] ?? '') as Record<string, unknown>
    t.same(parsed, { audit: true, ...event })
    t.equal(parsed['kind'], event.kind)
  }
})
