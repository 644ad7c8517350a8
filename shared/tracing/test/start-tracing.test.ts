import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import Fastify from 'fastify'
import pino from 'pino'
import t from 'tap'
import { startTracing } from '../src/index.js'
import { startOtlpReceiver } from '@m365mcp/testing'

// One provider per process (it is global): every assertion below reads the spans of one run.
const receiver = await startOtlpReceiver()
t.teardown(() => receiver.close())

// Where the traced handler calls out to: records the headers it received.
const seen: IncomingHttpHeaders[] = []
const downstream = createServer((req, res) => {
  seen.push(req.headers)
  res.end('ok')
})
await new Promise<void>((resolve) => downstream.listen(0, '127.0.0.1', resolve))
t.teardown(() => new Promise<void>((resolve) => downstream.close(() => resolve())))
const downstreamUrl = `http://127.0.0.1:${(downstream.address() as AddressInfo).port}`

const tracing = startTracing({
  serviceName: 'unit-under-test',
  endpoint: receiver.endpoint,
  logger: pino({ level: 'silent' }),
})
const build = async (incomingContext: 'parent' | 'link') => {
  const app = Fastify()
  await app.register(tracing.serverSpans, { incomingContext, component: incomingContext })
  // After the body is parsed, in the callbacks of the request stream's events.
  app.post('/call/:who', async (request) => {
    const { email } = request.body as { email: string }
    const response = await fetch(`${downstreamUrl}/users/${email}?$filter=code%20eq%201`, {
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    })
    return { downstream: await response.text() }
  })
  app.get('/healthz', async () => ({ status: 'ok' }))
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => app.close())
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}
const trusted = await build('parent')
const edge = await build('link')

const CALLER_TRACE = '0af7651916cd43dd8448eb211c80319c'
const CALLER_SPAN = 'b7ad6b7169203331'
// node:http, so the headers leave before the body (fetch waits for the first body chunk): the body
// arrives as a slow client's would, and parsing ends in a later event of the request stream.
const call = (base: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${base}/call/x?code=SECRET-CODE&state=s`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
    })
    req.on('response', (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.flushHeaders()
    setTimeout(() => req.end(JSON.stringify({ email: 'alice@contoso.example' })), 50)
  })
// Requests before any subtest (tap ends a file whose top level awaits with no test pending).
t.before(async () => {
  for (const base of [trusted, edge]) {
    const status = await call(base)
    if (status !== 200) throw new Error(`${base} answered ${status}`)
  }
  await fetch(`${trusted}/healthz`)
  await tracing.shutdown()
})
const servers = () => receiver.spans.filter((s) => s.kind === 2)
const clients = () => receiver.spans.filter((s) => s.kind === 3)

t.test(
  'server span: the caller’s traceparent is the parent; the handler’s fetch is its child and sends traceparent (W3C Trace Context §3.2)',
  async (t) => {
    const server = servers().find((s) => s.attributes['m365mcp.component'] === 'parent')
    t.ok(server)
    t.equal(server?.traceId, CALLER_TRACE)
    t.equal(server?.parentSpanId, CALLER_SPAN)
    t.equal(server?.name, 'POST /call/:who')
    t.equal(server?.service, 'unit-under-test')
    t.equal(server?.attributes['http.response.status_code'], 200)
    const client = clients().find((s) => s.parentSpanId === server?.spanId)
    t.ok(client, 'a CLIENT span under the SERVER span, though the call ran after body parsing')
    t.equal(client?.traceId, CALLER_TRACE)
    t.match(seen[0]?.traceparent, new RegExp(`^00-${CALLER_TRACE}-${client?.spanId}-01$`))
  },
)

t.test('server span at the edge: the caller’s traceparent is only a link, the trace is ours', async (t) => {
  const server = servers().find((s) => s.attributes['m365mcp.component'] === 'link')
  t.ok(server)
  t.not(server?.traceId, CALLER_TRACE)
  t.equal(server?.parentSpanId, undefined)
  t.same(server?.links, [{ traceId: CALLER_TRACE, spanId: CALLER_SPAN }])
  const client = clients().find((s) => s.parentSpanId === server?.spanId)
  t.equal(client?.traceId, server?.traceId)
  t.match(seen[1]?.traceparent, new RegExp(`^00-${server?.traceId}-`))
})

t.test('spans carry no query string, code, bearer token, JWT or email', async (t) => {
  const text = JSON.stringify(receiver.spans)
  for (const forbidden of ['SECRET-CODE', 'code=', 'Bearer', 'eyJ', 'alice@contoso.example', '$filter'])
    t.notOk(text.includes(forbidden), `no ${forbidden}`)
  const client = clients()[0]
  t.match(client?.attributes['url.full'], /\/users\/\[redacted\]$/)
  t.equal(client?.attributes['url.query'], '[redacted]')
  t.equal(servers()[0]?.attributes['url.path'], '/call/x')
})

t.test('probes get no span', async (t) => {
  t.notOk(receiver.spans.some((s) => s.name.includes('/healthz')))
  t.equal(servers().length, 2)
})
