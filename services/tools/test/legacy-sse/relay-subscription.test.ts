import t from 'tap'
import { createLegacySseKeys } from '../../src/legacy-sse/keys.js'
import { openRawSse, postMessage } from './support/raw-sse.js'
import { startSseStack } from './support/sse-stack.js'

t.test(
  'legacy SSE relay: malformed or foreign pub/sub messages are dropped and the owner keeps serving',
  async (t) => {
    const stack = await startSseStack((fn) => t.teardown(fn))
    const a = await stack.startReplica({ replicaId: 'replica-a' })
    const b = await stack.startReplica({ replicaId: 'replica-b' })
    const alice = await stack.signIn(0)
    const sse = await openRawSse(a.url, alice.accessToken)
    t.teardown(() => sse.close())
    const channel = createLegacySseKeys(stack.keyPrefix).replicaChannel('replica-a')

    const forged = {
      sessionId: sse.sessionId,
      message: { jsonrpc: '2.0', method: 'ping', id: 'forged' },
      caller: {
        principal: {
          token: 'x.y.z',
          sub: 'usr_mallory',
          clientId: 'c',
          grantId: 'g',
          scopes: ['mcp'],
          resource: `${stack.publicUrl}/sse`,
          expiresAt: 1,
          roles: [],
          groups: [],
        },
        grantedScopes: null,
      },
    }
    for (const raw of [
      'not json',
      '{}',
      JSON.stringify({ ...forged, message: { nope: true } }),
      JSON.stringify(forged),
    ]) {
      t.equal(await stack.store.publish(channel, raw), 1, 'replica A received it')
    }

    const res = await postMessage(b.url, sse.sessionId, {
      token: alice.accessToken,
      body: JSON.stringify({ jsonrpc: '2.0', method: 'ping', id: 'after' }),
    })
    t.equal(res.status, 202)
    await sse.readUntil(/"id":"after"/)
    t.notMatch(
      sse.text(),
      /"id":"forged"/,
      "a relay whose caller is not the session's user was not delivered",
    )
  },
)
