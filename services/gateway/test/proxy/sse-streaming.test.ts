// Legacy SSE through the gateway (MCP 2024-11-05 HTTP+SSE; issue 5 acceptance): response headers
// flushed at once even while the upstream is idle, the `endpoint` event passed on while the
// upstream stream stays open (nothing buffered), keep-alive comments on a silent stream, and a
// client that goes away aborts the upstream request.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import t from 'tap'
import type { TeardownHost } from '../support/teardown.js'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'

async function setUp(t: TeardownHost) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const tools = await startEchoUpstream(teardown, 'a')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: tools.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
    SSE_KEEPALIVE: '1s',
  })
  const token = await minter.mint({ resource: `${PUBLIC_URL}/sse` })
  const open = (path: string) =>
    new Promise<{ res: IncomingMessage; close: () => void; elapsed: number }>((resolve, reject) => {
      const started = performance.now()
      const req = httpRequest(`${gw.url}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      })
      req.on('response', (res) =>
        resolve({ res, close: () => req.destroy(), elapsed: performance.now() - started }),
      )
      req.on('error', reject)
      req.end()
    })
  const nextChunk = (res: IncomingMessage) =>
    new Promise<string>((resolve) => res.once('data', (chunk: Buffer) => resolve(chunk.toString())))
  return { tools, gw, open, nextChunk }
}

t.test(
  'sse: headers reach the client while the upstream stream is idle (flushed, not buffered)',
  async (t) => {
    const { open, tools } = await setUp(t)
    const { res, close, elapsed } = await open('/sse?silent')
    t.comment(`headers after ${elapsed.toFixed(1)} ms`)
    t.equal(res.statusCode, 200)
    t.equal(res.headers['content-type'], 'text/event-stream')
    t.equal(res.headers['x-accel-buffering'], 'no')
    t.equal(res.headers['content-encoding'], undefined, 'never compressed')
    t.equal(tools.seen.length, 1, 'the upstream has sent only its headers')
    close()
  },
)

t.test('sse: the endpoint event is passed on at once, with the upstream stream still open', async (t) => {
  const { open, nextChunk, tools } = await setUp(t)
  const { res, close } = await open('/sse')
  const first = await nextChunk(res)
  t.equal(first, 'event: endpoint\ndata: /messages?sessionId=a\n\n')
  let upstreamClosed = false
  void tools.sseClosed.then(() => (upstreamClosed = true))
  t.notOk(upstreamClosed, 'the upstream has not ended the stream: the event was not held back')
  close()
})

t.test('sse: a silent stream gets keep-alive comments at a line boundary', async (t) => {
  const { open, nextChunk } = await setUp(t)
  const { res, close } = await open('/sse')
  await nextChunk(res)
  const comment = await nextChunk(res)
  t.equal(comment, ': keep-alive\n', 'an SSE comment line (ignored by clients)')
  close()
})

t.test('sse: closing the client aborts the upstream request', async (t) => {
  const { open, nextChunk, tools } = await setUp(t)
  const { res, close } = await open('/sse')
  await nextChunk(res)
  close()
  await tools.sseClosed
  t.pass('the upstream saw its stream closed')
})

t.test('sse: drain (shutdown) ends proxied streams at once so clients reconnect elsewhere', async (t) => {
  const { open, nextChunk, tools, gw } = await setUp(t)
  const { res } = await open('/sse')
  await nextChunk(res)
  const ended = new Promise<void>((resolve) => res.once('close', () => resolve()))
  await gw.drain(5_000)
  await ended
  await tools.sseClosed
  t.pass('client stream ended and the upstream saw it')
})
