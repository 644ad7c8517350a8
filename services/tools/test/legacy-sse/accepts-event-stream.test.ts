import t from 'tap'
import { acceptsEventStream } from '../../src/legacy-sse/accepts-event-stream.js'

t.test(
  'accept: text/event-stream, text/* and */* with q > 0 allow the stream (RFC 9110 §12.5.1)',
  async (t) => {
    for (const accept of [
      undefined,
      '',
      'text/event-stream',
      'TEXT/Event-Stream; charset=utf-8',
      'text/*',
      '*/*',
      'application/json, */*;q=0.1',
    ])
      t.ok(acceptsEventStream(accept), String(accept))
  },
)

t.test('accept: other media types, or q=0, refuse it (406)', async (t) => {
  for (const accept of [
    'application/json',
    'text/html',
    'text/event-stream;q=0',
    'text/event-stream;q=0.0, application/json',
  ])
    t.notOk(acceptsEventStream(accept), accept)
})
