// SIGTERM on a real gateway process: readiness fails, a proxied SSE stream ends with a retry hint
// (and its upstream request is closed), a proxied request in flight still gets its answer, exit 0.
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
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startTokenMinter } from '../support/token-minter.js'

t.test(
  'shutdown: on SIGTERM /readyz fails, proxied SSE streams end with retry:, a request in flight completes, exit 0',
  async (t) => {
    const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
    const port = await freePort()
    const publicUrl = `http://localhost:${port}`
    const url = `http://127.0.0.1:${port}`
    const tools = await startEchoUpstream(teardown, 'tools-a')
    const minter = await startTokenMinter(teardown, publicUrl)
    const redis = await getTestRedis()
    const prefix = uniquePrefix('gateway-shutdown')
    const client = createTestRedisClient(redis.url)
    t.teardown(async () => {
      await cleanupPrefix(client, prefix)
      client.disconnect()
    })
    const gateway = await startServerProcess(teardown, {
      script: 'services/gateway/dist/server.js',
      env: {
        PUBLIC_URL: publicUrl,
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        AUTH_UPSTREAM: tools.url,
        AUTH_JWKS_URL: minter.jwksUrl,
        TOOLS_UPSTREAMS: tools.url,
        REDIS_URL: redis.url,
        REDIS_PREFIX: prefix,
        SHUTDOWN_TIMEOUT: '8s',
        METRICS_ENABLED: 'false',
        LOG_LEVEL: 'info',
      },
      readyUrl: `${url}/readyz`,
    })

    const sse = await fetch(`${url}/sse`, {
      headers: {
        authorization: `Bearer ${await minter.mint({ resource: `${publicUrl}/sse` })}`,
        accept: 'text/event-stream',
      },
    })
    t.equal(sse.status, 200)
    const reader = sse.body!.pipeThrough(new TextDecoderStream()).getReader()
    t.teardown(() => reader.cancel().catch(() => {}))
    let streamed = ''
    const readUntil = async (pattern: RegExp): Promise<boolean> => {
      while (!pattern.test(streamed)) {
        const { value, done } = await reader.read()
        if (done) return false
        streamed += value
      }
      return true
    }
    t.ok(await readUntil(/event: endpoint\n.*\n\n/), 'the stream is open')

    // A tool call the replica answers 0.8 s later, on its way when the signal comes.
    const slow = fetch(`${url}/mcp?slow=800`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await minter.mint({ resource: `${publicUrl}/mcp` })}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
    })
    for (let i = 0; i < 250 && !tools.seen.some((r) => r.url.startsWith('/mcp')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    t.ok(
      tools.seen.some((r) => r.url.startsWith('/mcp')),
      'the request reached the replica',
    )

    gateway.child.kill('SIGTERM')
    t.ok(await readUntil(/retry: 1000\n\n/), 'the client stream carries a retry hint')
    t.notOk(await readUntil(/never/), 'and then ends')
    await tools.sseClosed
    t.pass('the upstream stream was closed too')

    const probe = await fetch(`${url}/readyz`).then(
      (res) => res.status,
      () => 'refused',
    )
    t.ok(probe === 503 || probe === 'refused', `/readyz no longer ready (${probe})`)

    const answer = await slow
    t.equal(answer.status, 200, 'the request in flight got its answer')
    t.match(await answer.json(), { result: { upstream: 'tools-a' } })

    t.equal(await gateway.exited, 0, 'exit 0')
    const messages = logMessages(gateway.output())
    const at = (msg: string) => messages.indexOf(msg)
    t.ok(at('shutdown: started, readiness now fails') >= 0, 'each phase is logged')
    t.ok(at('shutdown: close the listener') < at('shutdown: close the store'), 'the store closes last', {
      messages,
    })
    t.ok(at('shutdown: done') > at('shutdown: close the store'), 'done last', { messages })
  },
)
