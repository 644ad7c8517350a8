// Slowloris (ATTACKS F49): a client that trickles its request headers, or its request body, is cut
// at HTTP_HEADERS_TIMEOUT / HTTP_REQUEST_TIMEOUT while the gateway keeps answering others; and
// neither clock bounds a response: an SSE stream or a slow tool call outlives both.
import { connect, type Socket } from 'node:net'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import t from 'tap'
import { startEchoUpstream } from './support/echo-upstream.js'
import { startGateway } from './support/gateway.js'
import type { TeardownHost } from './support/teardown.js'
import { startTokenMinter } from './support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'
const TIMEOUT_MS = 1_000

async function setUp(t: TeardownHost) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const upstream = await startEchoUpstream(teardown, 'a')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: upstream.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
    HTTP_HEADERS_TIMEOUT: `${TIMEOUT_MS}ms`,
    HTTP_REQUEST_TIMEOUT: `${TIMEOUT_MS}ms`,
    SSE_KEEPALIVE: '60s',
  })
  const port = Number(new URL(gw.url).port)
  const token = (path: string) => minter.mint({ resource: `${PUBLIC_URL}${path}` })
  return { upstream, gw, port, token }
}

/**
 * Writes `head` at once, then `trickle` one byte every 100 ms, stopping if the gateway closes the
 * connection. Resolves with what the gateway sent and whether the whole trickle got out first.
 */
function trickle(t: TeardownHost, port: number, head: string, slow: string, whileTrickling: () => void) {
  return new Promise<{ received: string; completed: boolean }>((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1')
    t.teardown(() => void socket.destroy())
    let received = ''
    let sent = 0
    let timer: NodeJS.Timeout | undefined
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (received += chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ received, completed: sent === slow.length })
    })
    socket.on('connect', () => {
      socket.write(head)
      setTimeout(whileTrickling, 500)
      timer = setInterval(() => {
        if (sent < slow.length && !socket.destroyed) socket.write(slow[sent++] ?? '')
        if (sent === slow.length) clearInterval(timer)
      }, 100)
    })
  })
}

t.test('slowloris: headers trickled past HTTP_HEADERS_TIMEOUT are cut; /healthz still answers', async (t) => {
  const { port, gw } = await setUp(t)
  // 60 header bytes at 100 ms each: 6 s, far past the 1 s allowed.
  const slow = `X-Slow: ${'a'.repeat(50)}\r\n\r\n`
  let health: Promise<number> | undefined
  const outcome = await trickle(t, port, 'GET /healthz HTTP/1.1\r\nHost: gw\r\n', slow, () => {
    health = fetch(`${gw.url}/healthz`).then((res) => res.status)
  })
  t.notOk(outcome.completed, 'the connection was cut before the headers were complete')
  t.match(outcome.received, /^HTTP\/1\.1 408 /, 'answered 408 Request Timeout')
  t.equal(await health, 200, 'other clients were answered meanwhile')
})

t.test('slowloris: a body trickled past HTTP_REQUEST_TIMEOUT is cut', async (t) => {
  const { port, token } = await setUp(t)
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(40) } })
  const head =
    `POST /mcp HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer ${await token('/mcp')}\r\n` +
    `Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`
  const outcome = await trickle(t, port, head, body, () => {})
  t.notOk(outcome.completed, 'the connection was cut before the body was complete')
  t.match(outcome.received, /^HTTP\/1\.1 408 /, 'answered 408 Request Timeout')
})

t.test('slowloris: an SSE stream and a slow answer outlive HTTP_REQUEST_TIMEOUT', async (t) => {
  const { gw, token } = await setUp(t)
  const sseToken = await token('/sse')
  const stream = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(`${gw.url}/sse`, {
      headers: { authorization: `Bearer ${sseToken}`, accept: 'text/event-stream' },
    })
    t.teardown(() => void req.destroy())
    req.on('response', resolve)
    req.on('error', reject)
    req.end()
  })
  let streamClosed = false
  stream.on('close', () => (streamClosed = true))
  stream.resume()

  // A tool call answered after 3 × the timeout (Node checks deadlines every TIMEOUT_MS / 2).
  const slow = await fetch(`${gw.url}/mcp?slow=${3 * TIMEOUT_MS}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token('/mcp')}`, 'content-type': 'application/json' },
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
  })
  t.equal(slow.status, 200, 'the slow answer was passed on')
  t.match(await slow.json(), { result: { upstream: 'a' } })
  t.notOk(streamClosed, 'the SSE stream, open all along, is still open')
})
