import t from 'tap'
import { postMessage } from './support/raw-sse.js'
import { connectSseClient } from './support/sse-client.js'
import { startSseStack } from './support/sse-stack.js'

t.test(
  'legacy SSE: a replica shutting down ends its streams, so clients reconnect, and unregisters them',
  async (t) => {
    const stack = await startSseStack((fn) => t.teardown(fn))
    const a = await stack.startReplica({ replicaId: 'replica-a' })
    const b = await stack.startReplica({ replicaId: 'replica-b' })
    const user = await stack.signIn(0)
    const { client, sessionId, ended } = await connectSseClient({
      sseUrl: a.url,
      accessToken: user.accessToken,
      postTo: b.url,
    })
    t.teardown(() => client.close())
    await client.ping()
    const key = `${stack.keyPrefix}sse:session:${sessionId()}`
    t.not(await stack.store.get(key), null, 'registered while open')

    await a.handle.close()
    t.ok(['error', 'close'].includes(await ended), 'the client saw its stream end')
    t.equal(await stack.store.get(key), null, 'the registry entry is gone')
    const res = await postMessage(b.url, sessionId(), { token: user.accessToken })
    t.equal(res.status, 404, 'a POST for the ended session answers 404 on any replica')

    const again = await fetch(`${a.url}/sse`, {
      headers: { authorization: `Bearer ${user.accessToken}`, accept: 'text/event-stream' },
    })
    t.equal(again.status, 503, 'the closing replica takes no new streams')
    await again.body?.cancel()

    // The client reconnects to a live replica and carries on.
    const next = await connectSseClient({ sseUrl: b.url, accessToken: user.accessToken })
    t.teardown(() => next.client.close())
    await next.client.ping()
    t.pass('a new session on replica B works')
  },
)
