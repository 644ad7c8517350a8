// `/mcp` transport rules, raw HTTP against one replica with a real access token (MCP 2025-11-25
// "Streamable HTTP", 2026-07-28 per-request `_meta` envelope; the SDK v2 createMcpHandler answers
// them). Every status is asserted; no input may produce a 500 or take the process down.
import { request as httpRequest } from 'node:http'
import { PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server'
import t, { type Test } from 'tap'
import { startStack } from '../support/stack.js'
import {
  MODERN_REVISION,
  errorOf,
  initialize,
  modern,
  rawMcp,
  resultOf,
  type RawAnswer,
} from './support/raw-mcp.js'

const MAX_BODY = 65_536
const LEGACY_REVISIONS = ['2025-03-26', '2025-06-18', '2025-11-25'] as const

t.test('/mcp transport rules (Streamable HTTP, every revision)', async (t) => {
  const stack = await startStack((fn) => t.teardown(fn), {
    replicas: 1,
    toolsEnv: { MCP_MAX_BODY_BYTES: String(MAX_BODY) },
  })
  const { accessToken: token } = await stack.signIn()
  const base = stack.replicas[0]?.url ?? ''
  const url = `${base}/mcp`
  const seen: number[] = []
  const send = async (options: Parameters<typeof rawMcp>[1]): Promise<RawAnswer> => {
    const answer = await rawMcp(url, { token, ...options })
    seen.push(answer.status)
    return answer
  }
  const healthy = async (t: Test) => {
    t.equal((await fetch(`${base}/healthz`)).status, 200, 'the process still answers /healthz')
    t.ok(resultOf(await send({ body: { jsonrpc: '2.0', id: 7, method: 'ping' } }), 7), 'and serves MCP')
  }

  await t.test(
    'POST without Accept of both JSON and SSE: 406 (Streamable HTTP "Sending Messages")',
    async (t) => {
      for (const accept of ['application/json', 'text/event-stream', '']) {
        const answer = await send({ headers: { accept }, body: initialize('2025-06-18') })
        t.equal(answer.status, 406, `Accept: ${JSON.stringify(accept)}`)
        t.equal(answer.messages[0]?.jsonrpc, '2.0', 'a JSON-RPC error body')
      }
    },
  )

  await t.test('a Content-Type other than application/json: 415', async (t) => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const answer = await send({ headers: { 'content-type': type }, body: initialize('2025-06-18') })
      t.equal(answer.status, 415, type)
      t.ok(errorOf(answer), 'a JSON-RPC error body')
    }
  })

  await t.test(
    'an unsupported MCP-Protocol-Version: 400 with a JSON-RPC error (2025-06-18 §Protocol Version Header)',
    async (t) => {
      const answer = await send({
        headers: { 'mcp-protocol-version': '1999-01-01' },
        body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      })
      t.equal(answer.status, 400)
      t.match(errorOf(answer), { code: Number, message: /protocol version/i })
      const modernAnswer = await send({
        headers: { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/list' },
        body: withEnvelopeVersion(modern('tools/list').body, '2099-01-01'),
      })
      t.equal(modernAnswer.status, 400, 'also when the 2026 envelope names it')
      t.match(errorOf(modernAnswer), { message: /Unsupported protocol version/ })
    },
  )

  await t.test('JSON-RPC batches: served on the 2025-03-26 wire, capped at 100 messages', async (t) => {
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ]
    const answer = await send({ headers: { 'mcp-protocol-version': '2025-03-26' }, body: batch })
    t.equal(answer.status, 200)
    t.ok(resultOf(answer, 1) && resultOf(answer, 2), 'one answer per request of the batch')
    const tooMany = Array.from({ length: 101 }, (_, id) => ({ jsonrpc: '2.0', id, method: 'ping' }))
    const capped = await send({ headers: { 'mcp-protocol-version': '2025-03-26' }, body: tooMany })
    t.equal(capped.status, 400, 'the SDK refuses more than 100 messages')
    t.match(errorOf(capped), { code: -32600 })
  })

  await t.test('a batch of 2026-07-28 requests: 400 -32600 (the modern era has no batches)', async (t) => {
    const { headers, body } = modern('ping')
    const answer = await send({ headers, body: [body, { ...body, id: 2 }] })
    t.equal(answer.status, 400)
    t.match(errorOf(answer), { code: -32600 })
  })

  for (const revision of ['2025-06-18', '2025-11-25'] as const) {
    await t.test(`a JSON-RPC batch on ${revision}: 400 (batching was removed in 2025-06-18)`, async (t) => {
      const answer = await send({
        headers: { 'mcp-protocol-version': revision },
        body: [{ jsonrpc: '2.0', id: 1, method: 'ping' }],
      })
      t.equal(answer.status, 400)
      t.match(errorOf(answer), { code: -32600 })
    })
  }

  await t.test('a body over MCP_MAX_BODY_BYTES: 413, and the process stays healthy', async (t) => {
    const answer = await send({ body: { ...initialize('2025-06-18'), padding: 'x'.repeat(MAX_BODY + 10) } })
    t.equal(answer.status, 413)
    t.ok(errorOf(answer), 'a JSON-RPC error body')
    await healthy(t)
  })

  await t.test('malformed or empty JSON: 400 with JSON-RPC parse error -32700', async (t) => {
    for (const body of ['{"jsonrpc":', '']) {
      const answer = await send({ body })
      t.equal(answer.status, 400, JSON.stringify(body))
      t.match(errorOf(answer), { code: -32700 })
    }
  })

  await t.test('JSON nested 10,000 levels deep: a clean 4xx, the process stays healthy', async (t) => {
    const depth = 10_000
    for (const body of [
      '['.repeat(depth) + ']'.repeat(depth),
      '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      `{"jsonrpc":"2.0","id":1,"method":"ping","params":${'{"a":'.repeat(depth / 2)}1${'}'.repeat(depth / 2)}}`,
    ]) {
      t.ok(body.length < MAX_BODY, 'under the body limit, so the parser really sees it')
      const answer = await send({ body })
      t.ok(answer.status >= 200 && answer.status < 500, `answered ${answer.status}`)
      if (answer.status >= 400) t.ok(errorOf(answer), 'with a JSON-RPC error')
    }
    await healthy(t)
  })

  await t.test('GET and DELETE: 405 (stateless: no standalone stream, no session to end)', async (t) => {
    for (const method of ['GET', 'DELETE']) {
      const answer = await send({ method })
      t.equal(answer.status, 405, method)
      t.equal(answer.headers.get('allow'), 'POST')
    }
  })

  await t.test('initialize on each dated revision is answered with that revision', async (t) => {
    for (const revision of LEGACY_REVISIONS) {
      const answer = await send({ body: initialize(revision) })
      t.equal(answer.status, 200, revision)
      t.match(resultOf(answer), { protocolVersion: revision, serverInfo: { name: String } })
      t.notOk(answer.headers.get('mcp-session-id'), 'stateless: no session id')
    }
  })

  await t.test('a 2026-07-28 request (envelope in _meta) is served by the modern path', async (t) => {
    const { headers, body } = modern('server/discover')
    const answer = await send({ headers, body })
    t.equal(answer.status, 200)
    t.match(answer.headers.get('content-type'), /^application\/json/)
    t.match(resultOf(answer), { supportedVersions: [MODERN_REVISION], capabilities: { tools: {} } })
    const withoutHeader = await send({ body })
    t.equal(withoutHeader.status, 400, 'the envelope without its MCP-Protocol-Version header is refused')
    t.match(errorOf(withoutHeader), { code: -32020 })
  })

  await t.test('tools/list returns the same tool names on every revision', async (t) => {
    const names = async (options: Parameters<typeof rawMcp>[1]) => {
      const answer = await send(options)
      t.equal(answer.status, 200)
      const tools = (resultOf(answer)?.tools ?? []) as Array<{ name: string }>
      return tools.map((tool) => tool.name).sort()
    }
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' }
    const expected = await names(modern('tools/list'))
    t.ok(expected.includes('add') && expected.includes('listUsers'), 'the product tools are listed')
    for (const revision of LEGACY_REVISIONS)
      t.same(await names({ headers: { 'mcp-protocol-version': revision }, body: list }), expected, revision)
  })

  await t.test('a raw tools/call of add on each dated revision returns the JSON-RPC result', async (t) => {
    const call = (id: number) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'add', arguments: { a: 2, b: 40 } },
    })
    for (const [i, revision] of ['2025-03-26', '2025-06-18', '2025-11-25'].entries()) {
      const id = 100 + i
      const answer = await send({ headers: { 'mcp-protocol-version': revision }, body: call(id) })
      t.equal(answer.status, 200, revision)
      t.match(
        answer.messages.find((m) => m.id === id),
        { jsonrpc: '2.0', id },
        'answers the request id',
      )
      const result = resultOf(answer, id)
      t.same(result?.structuredContent, { sum: 42 }, `${revision}: structuredContent`)
      t.match(result?.content, [{ type: 'text', text: /42/ }], `${revision}: text content`)
      t.notOk(result?.isError, `${revision}: not an error`)
    }
    const modernCall = modern('tools/call', { name: 'add', arguments: { a: 2, b: 40 } }, 110)
    const answer = await send({
      headers: { ...modernCall.headers, 'mcp-name': 'add' },
      body: modernCall.body,
    })
    t.equal(answer.status, 200, MODERN_REVISION)
    t.same(resultOf(answer, 110)?.structuredContent, { sum: 42 }, `${MODERN_REVISION}: structuredContent`)
  })

  await t.test('a chunked body (no Content-Length) over the limit: 413, the process stays up', async (t) => {
    const answer = await chunkedPost(url, token, MAX_BODY * 4)
    seen.push(answer.status)
    t.equal(answer.status, 413)
    t.match(JSON.parse(answer.text) as unknown, { jsonrpc: '2.0', error: { code: -32600 } })
    t.ok(answer.sentBytes > MAX_BODY, `more than the limit was on its way (${answer.sentBytes} B)`)
    // The server stopped reading the body, so the connection cannot carry another request: it must
    // close it, or the socket lingers (paused, blind to the client leaving) until keepAliveTimeout
    // (72 s) and holds up graceful shutdown.
    t.equal(answer.connection, 'close', 'the 413 closes the connection (Connection: close)')
    await healthy(t)
  })

  t.notOk(
    seen.some((status) => status >= 500),
    `no 5xx among ${seen.length} answers`,
  )
})

function withEnvelopeVersion(body: ReturnType<typeof modern>['body'], version: string) {
  return {
    ...body,
    params: { ...body.params, _meta: { ...body.params._meta, [PROTOCOL_VERSION_META_KEY]: version } },
  }
}

/**
 * POSTs a JSON body with `Transfer-Encoding: chunked` (no Content-Length) of up to `total` bytes in
 * 8 KiB chunks, stopping once the answer arrives. Resolves with the status and body of the answer.
 */
function chunkedPost(
  url: string,
  token: string,
  total: number,
): Promise<{ status: number; text: string; sentBytes: number; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0
    let answered = false
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        accept: 'application/json, text/event-stream',
        'content-type': 'application/json',
        'mcp-protocol-version': '2025-06-18',
        authorization: `Bearer ${token}`,
        'transfer-encoding': 'chunked',
      },
    })
    req.on('response', (res) => {
      answered = true
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        // A body the server stopped reading stays half-sent: drop the connection, not the process.
        req.destroy()
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode ?? 0, text, sentBytes, connection: res.headers.connection })
      })
      res.on('error', reject)
    })
    // The server may close its side once it has answered; the answer already arrived by then.
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    const chunk = Buffer.alloc(8192, 'x')
    const head = Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping","params":{"padding":"')
    req.write(head)
    sentBytes += head.length
    const pump = () => {
      while (!answered && !req.destroyed && sentBytes < total) {
        sentBytes += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered && !req.destroyed) req.end('"}}')
    }
    pump()
  })
}
