// Back-pressure end to end: a client that stops reading stops the upstream too (the gateway pauses
// its upstream read while the client's socket is full), so a slow client costs bounded memory
// instead of the whole response buffered in the gateway; once it reads again every byte arrives.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import t from 'tap'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'
const TOTAL = 64 * 1024 * 1024
const CHUNK = Buffer.alloc(64 * 1024, 'x')

t.test('back-pressure: a paused client pauses the upstream; every byte arrives after resuming', async (t) => {
  let written = 0
  const upstream = createServer((req, res) => {
    if (req.url === '/healthz') return res.end('ok')
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    const pump = () => {
      while (written < TOTAL) {
        written += CHUNK.length
        if (!res.write(CHUNK)) return res.once('drain', pump)
      }
      return res.end()
    }
    return pump()
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    upstream.closeAllConnections()
    upstream.close()
  })
  const minter = await startTokenMinter((fn) => t.teardown(fn), PUBLIC_URL)
  const gw = await startGateway((fn) => t.teardown(fn), {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
  })
  const token = await minter.mint({ resource: `${PUBLIC_URL}/sse` })

  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = httpRequest(`${gw.url}/sse`, { headers: { authorization: `Bearer ${token}` } })
    req.on('response', resolve).on('error', reject).end()
  })
  res.pause()
  // Let the pipeline fill up: socket buffers on both legs plus one chunk in flight.
  let previous = -1
  while (written !== previous) {
    previous = written
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  t.ok(written < TOTAL / 4, `the upstream stopped after ${(written / 1048576).toFixed(1)} MiB of 64 MiB`)

  let received = 0
  res.on('data', (chunk: Buffer) => (received += chunk.length))
  res.resume()
  await new Promise((resolve) => res.on('end', resolve))
  t.equal(received, TOTAL, 'nothing lost or duplicated')
})
