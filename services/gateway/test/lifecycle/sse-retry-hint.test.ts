// Where the shutdown `retry` hint goes in a proxied SSE stream (HTML Living Standard §9.2.6): at an
// event boundary as its own block; inside an event as a field line only (a blank line there would
// dispatch the half-forwarded event); mid-line not at all (it would corrupt the line).
import type { ServerResponse } from 'node:http'
import t from 'tap'
import { startSseKeepAlive } from '../../src/proxy/sse-keep-alive.js'

function fakeResponse() {
  const written: string[] = []
  const res = {
    writableEnded: false,
    destroyed: false,
    writableNeedDrain: false,
    write(chunk: string) {
      written.push(chunk)
      return true
    },
  }
  return { res: res as unknown as ServerResponse, written }
}

t.test('sse retry hint: at an event boundary it is a block of its own', async (t) => {
  const { res, written } = fakeResponse()
  const stream = startSseKeepAlive(res, 60_000)
  t.teardown(() => stream.stop())
  t.ok(stream.writeRetry(1000), 'before any byte: a boundary')
  stream.saw(Buffer.from('event: message\ndata: {}\n\n'))
  t.ok(stream.writeRetry(1000))
  stream.saw(Buffer.from('data: {}\n'))
  stream.saw(Buffer.from('\n'))
  t.ok(stream.writeRetry(250), 'a blank line split across chunks is a boundary too')
  t.same(written, ['retry: 1000\n\n', 'retry: 1000\n\n', 'retry: 250\n\n'])
})

t.test('sse retry hint: inside an event it is a field line, never a blank line', async (t) => {
  const { res, written } = fakeResponse()
  const stream = startSseKeepAlive(res, 60_000)
  t.teardown(() => stream.stop())
  stream.saw(Buffer.from('event: message\ndata: {"partial":'))
  t.notOk(stream.writeRetry(1000), 'mid-line: nothing written')
  stream.saw(Buffer.from('true}\n'))
  t.ok(stream.writeRetry(1000))
  t.same(written, ['retry: 1000\n'])
})

t.test('sse retry hint: nothing on a response already ended', async (t) => {
  const { res, written } = fakeResponse()
  const stream = startSseKeepAlive(res, 60_000)
  t.teardown(() => stream.stop())
  ;(res as { writableEnded: boolean }).writableEnded = true
  t.notOk(stream.writeRetry(1000))
  t.same(written, [])
})
