import t from 'tap'
import { connectSseClient } from './support/sse-client.js'
import { openRawSse } from './support/raw-sse.js'
import { startSseStack } from './support/sse-stack.js'

const textOf = (result: unknown) =>
  ((result as { content?: { text?: string }[] }).content ?? []).map((c) => c.text ?? '').join('')

t.test('legacy SSE: a 1.x SSE client with its stream on replica A and its POSTs on replica B', async (t) => {
  const stack = await startSseStack((fn) => t.teardown(fn))
  const a = await stack.startReplica({ replicaId: 'replica-a' })
  const b = await stack.startReplica({ replicaId: 'replica-b' })
  const user = await stack.signIn(0)

  const { client, sessionId } = await connectSseClient({
    sseUrl: a.url,
    accessToken: user.accessToken,
    postTo: b.url,
  })
  t.teardown(() => client.close())

  t.match(
    client.getServerVersion(),
    { name: 'legacy-sse-test' },
    'initialize went through B to the server on A',
  )
  const { tools } = await client.listTools()
  t.same(tools.map((tool) => tool.name).sort(), ['slow', 'whoami'])
  const registered = await stack.store.get(`${stack.keyPrefix}sse:session:${sessionId()}`)
  t.same(
    JSON.parse(registered ?? '{}'),
    { owner: 'replica-a', sub: user.sub },
    'the registry names A and the user',
  )

  const whoami = await client.callTool({ name: 'whoami', arguments: {} })
  t.equal(textOf(whoami), user.sub, 'the tool saw the identity of the POST relayed from B')

  // Relaying goes on while a call is in flight: the quick call answers before the slow one.
  const order: string[] = []
  const slow = client.callTool({ name: 'slow', arguments: { ms: 600 } }).then((r) => (order.push('slow'), r))
  const quick = client.callTool({ name: 'whoami', arguments: {} }).then((r) => (order.push('quick'), r))
  const [slowResult, quickResult] = await Promise.all([slow, quick])
  t.equal(textOf(slowResult), user.sub)
  t.equal(textOf(quickResult), user.sub)
  t.same(order, ['quick', 'slow'], 'the stream was not blocked by the call in flight')
})

t.test(
  'legacy SSE: GET /sse streams at once with the SSE headers and a relative endpoint (2024-11-05)',
  async (t) => {
    const stack = await startSseStack((fn) => t.teardown(fn))
    const a = await stack.startReplica({ replicaId: 'replica-a', keepAliveMs: 50 })
    const user = await stack.signIn(0)
    const sse = await openRawSse(a.url, user.accessToken)
    t.teardown(() => sse.close())

    t.equal(sse.response.headers.get('content-type'), 'text/event-stream')
    t.equal(sse.response.headers.get('cache-control'), 'no-cache, no-transform')
    t.equal(sse.response.headers.get('x-accel-buffering'), 'no')
    t.match(
      sse.endpoint,
      /^\/messages\?sessionId=[A-Za-z0-9_-]{43}$/,
      'relative endpoint, 256-bit session id',
    )
    await sse.readUntil(/\n: keep-alive\n\n/)
    t.pass('keep-alive comments are sent while the stream is idle')

    const key = `${stack.keyPrefix}sse:session:${sse.sessionId}`
    const ttl = await stack.store.ttl(key)
    t.ok(ttl !== null && ttl > 0 && ttl <= 60_000, 'the registry entry has the session TTL')
    await sse.close()
    for (let i = 0; i < 100 && (await stack.store.get(key)) !== null; i++)
      await new Promise((r) => setTimeout(r, 20))
    t.equal(await stack.store.get(key), null, 'a client that leaves has its session unregistered')
  },
)
