// drain() (graceful shutdown): an open-ended stream (GET /sse) ends at once with a retry hint; an
// SSE answer to a POST is one request in flight and gets to finish within the grace period.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

t.test('drain: GET streams end at once with retry:, a POST answered as SSE finishes first', async (t) => {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  let sseClosed: () => void = () => {}
  const upstreamStreamClosed = new Promise<void>((resolve) => (sseClosed = resolve))
  // A tools replica: GET /sse stays open; POST /mcp answers as SSE, its one event 400 ms later.
  const upstream = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200).end('{}')
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.flushHeaders()
    if (req.method === 'GET') {
      res.write('event: endpoint\ndata: /messages?sessionId=s\n\n')
      res.on('close', () => sseClosed())
      return undefined
    }
    req.resume()
    setTimeout(() => res.end('event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n'), 400)
    return undefined
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    upstream.closeAllConnections()
    return new Promise<void>((resolve) => upstream.close(() => resolve()))
  })
  const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`
  const publicUrl = 'http://localhost:8788'
  const minter = await startTokenMinter(teardown, publicUrl)
  const gw = await startGateway(teardown, {
    PUBLIC_URL: publicUrl,
    AUTH_JWKS_URL: minter.jwksUrl,
    TOOLS_UPSTREAMS: upstreamUrl,
  })

  const stream = await fetch(`${gw.url}/sse`, {
    headers: {
      authorization: `Bearer ${await minter.mint({ resource: `${publicUrl}/sse` })}`,
      accept: 'text/event-stream',
    },
  })
  const call = await fetch(`${gw.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await minter.mint({ resource: `${publicUrl}/mcp` })}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
  })
  t.equal(call.headers.get('content-type'), 'text/event-stream', 'the POST is answered as SSE')

  const started = Date.now()
  const draining = gw.drain(5_000)
  const streamText = await stream.text()
  t.match(streamText, /event: endpoint\n.*\n\nretry: 1000\n\n$/, 'the GET stream ended with a retry hint')
  t.ok(Date.now() - started < 300, 'at once')
  await upstreamStreamClosed
  t.pass('and its upstream request was closed')

  const callText = await call.text()
  t.match(callText, /"result":\{\}/, 'the POST answer arrived whole')
  t.notMatch(callText, /retry:/, 'without a retry hint')
  await draining
  t.ok(Date.now() - started < 2_000, 'drain ended once the POST was answered')
})
