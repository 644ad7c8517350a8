import t from 'tap'
import type { Caller } from '../../src/auth/principal.js'
import { decodeRelayMessage, encodeRelayMessage } from '../../src/legacy-sse/relay-message.js'
import { newSessionId } from '../../src/legacy-sse/session-id.js'

const caller: Caller = {
  principal: {
    token: 'header.payload.signature',
    sub: 'usr_alice',
    clientId: 'client-1',
    grantId: 'grant-1',
    scopes: ['mcp'],
    resource: 'https://mcp.example.com/sse',
    expiresAt: 1_900_000_000,
    roles: [],
    groups: [],
  },
  grantedScopes: ['User.Read'],
}
const message = { jsonrpc: '2.0' as const, method: 'ping', id: 7 }

t.test('relay: an encoded relay decodes to the same session, message and caller', async (t) => {
  const sessionId = newSessionId()
  t.same(decodeRelayMessage(encodeRelayMessage({ sessionId, message, caller })), {
    sessionId,
    message,
    caller,
  })
})

t.test(
  'relay: anything malformed is refused with an Error, never thrown (validated on receipt)',
  async (t) => {
    const sessionId = newSessionId()
    const cases: Record<string, string> = {
      'not JSON': '{"sessionId":',
      'not an object': '42',
      'a session id of the wrong shape': JSON.stringify({ sessionId: 'abc', message, caller }),
      'no caller': JSON.stringify({ sessionId, message }),
      'a caller without a token': JSON.stringify({
        sessionId,
        message,
        caller: { ...caller, principal: { ...caller.principal, token: '' } },
      }),
      'a caller whose resource is no URL': JSON.stringify({
        sessionId,
        message,
        caller: { ...caller, principal: { ...caller.principal, resource: 'nope' } },
      }),
      'no JSON-RPC message': JSON.stringify({ sessionId, message: { hello: 1 }, caller }),
    }
    for (const [name, raw] of Object.entries(cases)) {
      t.type(decodeRelayMessage(raw), Error, name)
    }
  },
)

t.test('relay: a refusal never echoes the access token it carried', async (t) => {
  const raw = JSON.stringify({ sessionId: 'bad', message, caller })
  const refused = decodeRelayMessage(raw)
  t.type(refused, Error)
  t.notMatch((refused as Error).message, caller.principal.token)
})
