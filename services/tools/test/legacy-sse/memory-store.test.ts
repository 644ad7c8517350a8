import { createMemoryStore } from '@m365mcp/store'
import t from 'tap'
import { connectSseClient } from './support/sse-client.js'
import { postMessage } from './support/raw-sse.js'
import { startSseStack } from './support/sse-stack.js'

t.test('legacy SSE: one replica on the in-memory store (embedded mode) serves the whole flow', async (t) => {
  const stack = await startSseStack((fn) => t.teardown(fn))
  const store = createMemoryStore()
  t.teardown(() => store.close())
  const only = await stack.startReplica({ replicaId: 'embedded', store })
  const user = await stack.signIn(0)

  const { client, sessionId } = await connectSseClient({ sseUrl: only.url, accessToken: user.accessToken })
  const result = await client.callTool({ name: 'whoami', arguments: {} })
  t.match(result, { content: [{ type: 'text', text: user.sub }] })
  t.not(await store.get(`${stack.keyPrefix}sse:session:${sessionId()}`), null, 'registered in memory')
  t.equal(await stack.store.get(`${stack.keyPrefix}sse:session:${sessionId()}`), null, 'and not in Redis')

  await client.close()
  for (let i = 0; i < 100 && (await store.get(`${stack.keyPrefix}sse:session:${sessionId()}`)) !== null; i++)
    await new Promise((r) => setTimeout(r, 20))
  t.equal(await store.get(`${stack.keyPrefix}sse:session:${sessionId()}`), null, 'unregistered on disconnect')
  t.equal((await postMessage(only.url, sessionId(), { token: user.accessToken })).status, 404)
})
