import t from 'tap'
import { openRawSse, postMessage } from './support/raw-sse.js'
import { startSseStack } from './support/sse-stack.js'

const UNKNOWN_SESSION = 'A'.repeat(43)

t.test(
  'legacy SSE: every POST /messages is authenticated on its own and bound to the session user',
  async (t) => {
    const stack = await startSseStack((fn) => t.teardown(fn))
    const a = await stack.startReplica({ replicaId: 'replica-a' })
    const b = await stack.startReplica({ replicaId: 'replica-b' })
    const [alice, bob] = await Promise.all([stack.signIn(0), stack.signIn(1)])
    t.not(alice.sub, bob.sub, 'two different users')
    const sse = await openRawSse(a.url, alice.accessToken)
    t.teardown(() => sse.close())

    await t.test(
      'no token: 401 with a Bearer challenge (RFC 6750 §3), a session id is no credential',
      async (t) => {
        const res = await postMessage(b.url, sse.sessionId)
        t.equal(res.status, 401)
        t.match(res.headers.get('www-authenticate'), /^Bearer resource_metadata="[^"]+\/sse"/)
      },
    )

    await t.test('a token for /mcp, or no JWT at all, is refused on /sse (RFC 8707 audience)', async (t) => {
      const forMcp = await stack.signIn(0, '/mcp')
      for (const token of [forMcp.accessToken, 'not.a.jwt']) {
        const res = await postMessage(b.url, sse.sessionId, { token })
        t.equal(res.status, 401)
        t.match(res.headers.get('www-authenticate'), /error="invalid_token"/)
      }
    })

    await t.test("another user's valid token: 403, and the message never reaches the session", async (t) => {
      for (const replica of [a, b]) {
        const res = await postMessage(replica.url, sse.sessionId, {
          token: bob.accessToken,
          body: JSON.stringify({ jsonrpc: '2.0', method: 'tools/list', id: 'bob' }),
        })
        t.equal(res.status, 403, `refused on ${replica === a ? 'the owner' : 'another replica'}`)
        t.same(await res.json(), { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Forbidden' } })
      }
    })

    await t.test('unknown session: 404 with JSON-RPC -32001', async (t) => {
      const res = await postMessage(b.url, UNKNOWN_SESSION, { token: alice.accessToken })
      t.equal(res.status, 404)
      t.match(await res.json(), { error: { code: -32001 } })
    })

    await t.test('missing or malformed sessionId: 400', async (t) => {
      for (const query of [
        '',
        '?sessionId=short',
        '?sessionId=../../etc',
        `?sessionId=${UNKNOWN_SESSION}&sessionId=x`,
      ]) {
        const res = await fetch(`${b.url}/messages${query}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${alice.accessToken}`, 'content-type': 'application/json' },
          body: '{}',
        })
        t.equal(res.status, 400, `sessionId ${JSON.stringify(query)}`)
      }
    })

    await t.test(
      'malformed body: 400 with a JSON-RPC parse error (-32700) or invalid request (-32600)',
      async (t) => {
        const notJson = await postMessage(b.url, sse.sessionId, {
          token: alice.accessToken,
          body: '{"jsonrpc":',
        })
        t.equal(notJson.status, 400)
        t.same(await notJson.json(), {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'Parse error: the body is not JSON' },
        })
        const notRpc = await postMessage(b.url, sse.sessionId, {
          token: alice.accessToken,
          body: '{"hello":1}',
        })
        t.equal(notRpc.status, 400)
        t.match(await notRpc.json(), { error: { code: -32600 } })
        const wrongType = await postMessage(b.url, sse.sessionId, {
          token: alice.accessToken,
          contentType: 'text/plain',
        })
        t.equal(wrongType.status, 415, 'only application/json bodies')
        const tooBig = await postMessage(b.url, sse.sessionId, {
          token: alice.accessToken,
          body: JSON.stringify({
            jsonrpc: '2.0',
            method: 'ping',
            id: 1,
            params: { pad: 'x'.repeat(70_000) },
          }),
        })
        t.equal(tooBig.status, 413, 'bodies over maxBodyBytes')
      },
    )

    await t.test(
      'the rightful user is still served after all of that: 202 and the answer on the stream',
      async (t) => {
        const res = await postMessage(b.url, sse.sessionId, {
          token: alice.accessToken,
          body: JSON.stringify({ jsonrpc: '2.0', method: 'ping', id: 'alice-ping' }),
        })
        t.equal(res.status, 202)
        await sse.readUntil(/event: message\ndata: \{[^\n]*"id":"alice-ping"[^\n]*\}\n\n/)
        t.notMatch(sse.text(), /"id":"bob"/, "the other user's refused messages never reached the session")
      },
    )
  },
)

t.test('legacy SSE: GET /sse refusals', async (t) => {
  const stack = await startSseStack((fn) => t.teardown(fn))
  const a = await stack.startReplica({ replicaId: 'replica-a' })
  const alice = await stack.signIn(0)

  const anonymous = await fetch(`${a.url}/sse`, { headers: { accept: 'text/event-stream' } })
  t.equal(anonymous.status, 401, 'no token: 401')
  t.match(anonymous.headers.get('www-authenticate'), /^Bearer resource_metadata=/)

  const json = await fetch(`${a.url}/sse`, {
    headers: { authorization: `Bearer ${alice.accessToken}`, accept: 'application/json' },
  })
  t.equal(json.status, 406, 'an Accept without text/event-stream: 406 (RFC 9110 §15.5.7)')
  const refused = await fetch(`${a.url}/sse`, {
    headers: { authorization: `Bearer ${alice.accessToken}`, accept: 'text/event-stream;q=0, */*;q=0' },
  })
  t.equal(refused.status, 406, 'q=0 refuses the media type')
})
