import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { openRawSse, postMessage } from './support/raw-sse.js'
import { startSseStack } from './support/sse-stack.js'

t.test(
  'legacy SSE: a replica killed without cleanup: a POST to another replica answers 404, the entry is deleted',
  async (t) => {
    const stack = await startSseStack((fn) => t.teardown(fn))
    // Replica A has its own Redis connections, so "killing" it (dropping its store and sockets
    // without any unregistering) leaves the shared Redis exactly as a crashed process would.
    const aStore = stack.newRedisStore()
    const a = await stack.startReplica({ replicaId: 'replica-a', store: aStore, sessionTtlMs: 30_000 })
    const b = await stack.startReplica({ replicaId: 'replica-b' })
    const user = await stack.signIn(0)
    const sse = await openRawSse(a.url, user.accessToken)
    t.teardown(() => sse.close())
    const key = `${stack.keyPrefix}sse:session:${sse.sessionId}`

    await aStore.close()
    a.app.server.closeAllConnections()
    t.not(await stack.store.get(key), null, 'the dead replica left its entry behind')

    const res = await postMessage(b.url, sse.sessionId, { token: user.accessToken })
    t.equal(res.status, 404, 'the relay reached no subscriber: 404 so the client reconnects')
    t.equal(await stack.store.get(key), null, 'and the stale entry is deleted')
  },
)

t.test(
  'legacy SSE: the entry of a replica that stopped refreshing expires after the session TTL',
  async (t) => {
    const stack = await startSseStack((fn) => t.teardown(fn))
    const aStore = stack.newRedisStore()
    const a = await stack.startReplica({ replicaId: 'replica-a', store: aStore, sessionTtlMs: 600 })
    const b = await stack.startReplica({ replicaId: 'replica-b' })
    const user = await stack.signIn(0)
    const sse = await openRawSse(a.url, user.accessToken)
    t.teardown(() => sse.close())
    const key = `${stack.keyPrefix}sse:session:${sse.sessionId}`

    await sleep(900)
    t.not(await stack.store.get(key), null, 'an open stream keeps its entry past one TTL (refreshed)')
    t.equal(
      (await postMessage(b.url, sse.sessionId, { token: user.accessToken })).status,
      202,
      'relayed while alive',
    )

    await aStore.close()
    a.app.server.closeAllConnections()
    let expired = false
    for (let i = 0; i < 100 && !expired; i++) {
      expired = (await stack.store.get(key)) === null
      if (!expired) await sleep(50)
    }
    t.ok(expired, 'without refreshes the entry expires on its own')
    t.equal((await postMessage(b.url, sse.sessionId, { token: user.accessToken })).status, 404)
  },
)
