// DELIBERATELY LONG (about 5.5 minutes of real time): issue 5's acceptance "a 5-minute idle stream
// survives". The point is every timeout on the real path (client socket → gateway listener →
// undici → tools replica → back), so no clock is faked and nothing else belongs in this file.
// A legacy SSE stream (MCP 2024-11-05 HTTP+SSE) through the gateway to a real tools replica gets
// its `endpoint` event, stays idle for 5 min 10 s, then still carries the answer to a `ping` posted
// on /messages; meanwhile keep-alive comments kept intermediaries from seeing a silent stream.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import t from 'tap'
import { startStack } from '../support/stack.js'

const IDLE_MS = 5 * 60_000 + 10_000
// Above tap's 120 s default for the whole file, as well as for the test.
const TIMEOUT_MS = 7 * 60_000
t.setTimeout(TIMEOUT_MS)

t.test(
  'sse: a stream idle for 5 minutes through the gateway survives and answers a ping (issue 5)',
  { timeout: TIMEOUT_MS },
  async (t) => {
    const stack = await startStack((fn) => t.teardown(fn), { replicas: 1 })
    const user = await stack.signIn({ path: '/sse' })

    const events: { event: string; data: string }[] = []
    const comments: string[] = []
    let waiter: (() => void) | undefined
    let buffered = ''
    const req = httpRequest(`${stack.publicUrl}/sse`, {
      headers: { authorization: `Bearer ${user.accessToken}`, accept: 'text/event-stream' },
    })
    t.teardown(() => void req.destroy())
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve)
      req.on('error', reject)
      req.end()
    })
    t.equal(res.statusCode, 200)
    let ended = false
    res.on('close', () => (ended = true))
    res.setEncoding('utf8')
    // An SSE parser just large enough for this test (HTML Living Standard §9.2.6): lines, comment
    // lines, and blank lines that dispatch the fields gathered so far.
    let fields: Record<string, string> = {}
    res.on('data', (chunk: string) => {
      buffered += chunk
      let cut: number
      while ((cut = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, cut)
        buffered = buffered.slice(cut + 1)
        const colon = line.indexOf(':')
        if (colon === 0) comments.push(line)
        else if (line === '' && 'data' in fields) {
          events.push({ event: fields.event ?? 'message', data: fields.data ?? '' })
          fields = {}
        } else if (line !== '') fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '')
      }
      waiter?.()
    })
    const next = async (event: string) => {
      for (;;) {
        const found = events.find((e) => e.event === event)
        if (found) return found
        if (ended) throw new Error(`stream ended before a ${event} event`)
        await new Promise<void>((resolve) => (waiter = resolve))
      }
    }

    const endpoint = await next('endpoint')
    t.match(endpoint.data, /^\/messages\?sessionId=[^\s]+$/)

    await new Promise((resolve) => setTimeout(resolve, IDLE_MS))
    t.notOk(ended, 'the stream is still open after the idle period')
    t.ok(comments.length >= 1, `keep-alive comments arrived while idle (${comments.length})`)

    const posted = await fetch(new URL(endpoint.data, stack.publicUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${user.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'idle-ping', method: 'ping' }),
    })
    await posted.body?.cancel()
    t.equal(posted.status, 202, 'the message is accepted')
    const answer = await next('message')
    t.same(JSON.parse(answer.data), { jsonrpc: '2.0', id: 'idle-ping', result: {} })
  },
)
