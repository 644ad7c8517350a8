// SIGTERM on a real tools process: readiness fails, a legacy SSE stream ends with a retry hint, a
// request in flight still gets its answer, Redis closes last, exit 0.
import { randomBytes } from 'node:crypto'
import { request as httpRequest, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  cleanupPrefix,
  createTestRedisClient,
  freePort,
  getTestRedis,
  logMessages,
  startServerProcess,
  uniquePrefix,
} from '@m365mcp/testing'
import t from 'tap'
import { startJwksServer, newSigningKey } from '../auth/support/jwks-server.js'
import { mintAccessToken } from '../auth/support/mint.js'
import { openRawSse } from '../legacy-sse/support/raw-sse.js'

t.test(
  'shutdown: on SIGTERM /readyz fails, SSE streams end with retry:, a request in flight completes, exit 0',
  async (t) => {
    const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
    const key = await newSigningKey()
    const jwks = await startJwksServer(teardown, [key])
    const authHealth = createServer((_req, res) => res.writeHead(200).end('{"status":"ok"}'))
    await new Promise<void>((resolve) => authHealth.listen(0, '127.0.0.1', resolve))
    t.teardown(() => new Promise<void>((resolve) => authHealth.close(() => resolve())))
    const redis = await getTestRedis()
    const prefix = uniquePrefix('tools-shutdown')
    const client = createTestRedisClient(redis.url)
    t.teardown(async () => {
      await cleanupPrefix(client, prefix)
      client.disconnect()
    })

    const publicUrl = `http://localhost:${await freePort()}`
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const tools = await startServerProcess(teardown, {
      script: 'services/tools/dist/server.js',
      env: {
        PUBLIC_URL: publicUrl,
        TOOLS_HOST: '127.0.0.1',
        TOOLS_PORT: String(port),
        AUTH_JWKS_URL: jwks.url,
        AUTH_INTERNAL_URL: `http://127.0.0.1:${(authHealth.address() as AddressInfo).port}`,
        INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
        CURSOR_KEYS: randomBytes(32).toString('base64url'),
        REDIS_URL: redis.url,
        REDIS_PREFIX: prefix,
        SHUTDOWN_TIMEOUT: '8s',
        METRICS_ENABLED: 'false',
        LOG_LEVEL: 'info',
      },
      readyUrl: `${url}/readyz`,
    })
    const token = (path: string) =>
      mintAccessToken(key, { issuer: publicUrl, audience: `${publicUrl}${path}` })

    const sse = await openRawSse(url, await token('/sse'))
    t.teardown(() => sse.close())

    // A request in flight: its headers are in, its body still coming (held by this test).
    const body = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' })
    const inFlight = httpRequest(`${url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token('/mcp')}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-06-18',
        'content-length': String(Buffer.byteLength(body)),
      },
    })
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      inFlight.on('response', (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      })
      inFlight.on('error', reject)
    })
    inFlight.write(body.slice(0, 10))
    await new Promise((resolve) => setTimeout(resolve, 300))

    tools.child.kill('SIGTERM')
    t.match(await sse.readUntil(/retry: \d+\n\n/), /retry: 1000/, 'the SSE stream carries a retry hint')
    await t.rejects(sse.readUntil(/never/), /stream ended/, 'and then ends')

    const probe = await fetch(`${url}/readyz`).then(
      (res) => res.status,
      () => 'refused',
    )
    t.ok(probe === 503 || probe === 'refused', `/readyz no longer ready (${probe})`)

    inFlight.end(body.slice(10))
    const reply = await answered
    t.equal(reply.status, 200, 'the request in flight got its answer')
    t.match(reply.text, /"id":7/)
    t.match(reply.text, /"result"/)

    t.equal(await tools.exited, 0, 'exit 0')
    const messages = logMessages(tools.output())
    const at = (msg: string) => messages.indexOf(msg)
    t.ok(at('shutdown: started, readiness now fails') >= 0, 'each phase is logged')
    t.ok(at('shutdown: close the listener') < at('shutdown: close the store'), 'the store closes last')
    t.ok(at('shutdown: done') > at('shutdown: close the store'))
  },
)
