// ATTACKS F42–F45 at the public origin: the gateway process in front of two tools replicas and the
// auth service, one stack for the file. A revoked grant stops at once (F42); there are no MCP
// sessions to steal on the stateless /mcp (F43); a legacy SSE session answers only its own user
// (F44); Last-Event-ID replays nothing (F45).
import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { startStack, type Stack } from '../support/stack.js'

const LATEST = '2025-11-25'
let stack: Stack

t.before(async () => {
  stack = await startStack((fn) => t.teardown(fn))
})

function mcpPost(token: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${stack.publicUrl}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': LATEST,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

const callAdd = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name: 'add', arguments: { a: id, b: 1 } },
})

/** Opens a legacy SSE stream; resolves with its session id and a way to read later events. */
async function openSse(token: string, headers: Record<string, string> = {}) {
  const controller = new AbortController()
  const res = await fetch(`${stack.publicUrl}/sse`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  })
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!/\n\n/.test(text)) text += decoder.decode((await reader.read()).value, { stream: true })
  const sessionId = /sessionId=([^\s&]+)/.exec(text)?.[1] ?? ''
  let pending: ReturnType<typeof reader.read> | undefined
  return {
    status: res.status,
    first: text,
    sessionId,
    /** What the stream carried within `ms` (keep-alive comments included). */
    async readFor(ms: number): Promise<string> {
      let more = ''
      const deadline = sleep(ms).then(() => undefined)
      for (;;) {
        // A read still pending from the last call keeps its place: its chunk is not lost.
        pending ??= reader.read()
        const chunk = await Promise.race([pending, deadline])
        if (chunk === undefined) return more
        pending = undefined
        if (chunk.done) return more
        more += decoder.decode(chunk.value, { stream: true })
      }
    },
    close: () => controller.abort(),
  }
}

t.test(
  'F42: a revoked grant is refused at the public origin at once, pointing at the metadata',
  async (t) => {
    const user = await stack.signIn()
    const warm = await mcpPost(user.accessToken, callAdd(1))
    t.equal(warm.status, 200, 'served before the revocation')
    await warm.arrayBuffer()
    const revoked = await fetch(`${stack.publicUrl}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: user.refreshToken, client_id: user.clientId }).toString(),
    })
    t.equal(revoked.status, 200)
    // Both replicas hear of it through Redis pub/sub; allow that a moment (bounded).
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) {
      const res = await mcpPost(user.accessToken, callAdd(2))
      statuses.push(res.status)
      if (res.status === 401) {
        t.match(res.headers.get('www-authenticate'), /error="invalid_token"/)
        t.match(
          res.headers.get('www-authenticate'),
          `resource_metadata="${stack.publicUrl}/.well-known/oauth-protected-resource/mcp"`,
        )
        await res.arrayBuffer()
        // Round robin: the next request goes to the other replica, which must refuse it too.
        const again = await mcpPost(user.accessToken, callAdd(3))
        t.equal(again.status, 401, 'the other replica refuses it as well')
        await again.arrayBuffer()
        break
      }
      await res.arrayBuffer()
      await sleep(50)
    }
    t.equal(statuses.at(-1), 401, `refused (statuses seen: ${statuses.join(',')})`)
  },
)

t.test('F43: /mcp is stateless: no session id is issued; one alone gets 401, with a token 404', async (t) => {
  const user = await stack.signIn()
  const init = await mcpPost(user.accessToken, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: LATEST, capabilities: {}, clientInfo: { name: 'f43', version: '0' } },
  })
  t.equal(init.status, 200)
  t.equal(init.headers.get('mcp-session-id'), null, 'no session id to steal')
  await init.arrayBuffer()

  const alone = await mcpPost(undefined, callAdd(4), { 'mcp-session-id': 'a-session-of-someone-else' })
  t.equal(alone.status, 401, 'a session id is no credential')
  t.match(alone.headers.get('www-authenticate'), /^Bearer resource_metadata=/)
  await alone.arrayBuffer()

  // Another user's valid token with a session id: no session exists, so none is found (404, the
  // client initializes afresh); the id never selects anyone's state.
  const other = await stack.signIn({ user: 1 })
  const withOther = await mcpPost(other.accessToken, callAdd(5), { 'mcp-session-id': 'a-session-of-user-a' })
  t.equal(withOther.status, 404, 'an unknown session id is refused, never served as a session')
  t.match(await withOther.json(), { jsonrpc: '2.0', error: { code: -32001 } })
})

t.test(
  'F44: a legacy SSE session answers only its own user; guessed ids and no token are refused',
  async (t) => {
    const [alice, bob] = await Promise.all([
      stack.signIn({ path: '/sse' }),
      stack.signIn({ path: '/sse', user: 1 }),
    ])
    t.not(alice.sub, bob.sub, 'two different users')
    const stream = await openSse(alice.accessToken)
    t.teardown(() => stream.close())
    t.equal(stream.status, 200)
    t.ok(stream.sessionId, 'a session id in the endpoint event')

    const post = (token: string | undefined, sessionId: string) =>
      fetch(`${stack.publicUrl}/messages?sessionId=${encodeURIComponent(sessionId)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'ping' }),
      })

    const foreign = await post(bob.accessToken, stream.sessionId)
    t.ok(
      foreign.status === 403 || foreign.status === 404,
      `another user's POST is refused (${foreign.status})`,
    )
    await foreign.arrayBuffer()
    const guessed = await post(alice.accessToken, `${stream.sessionId.slice(0, -2)}xx`)
    t.equal(guessed.status, 404, 'a guessed session id is unknown')
    await guessed.arrayBuffer()
    const anonymous = await post(undefined, stream.sessionId)
    t.equal(anonymous.status, 401, 'no token, no message')
    await anonymous.arrayBuffer()

    const carried = await stream.readFor(500)
    t.notMatch(carried, /"id":9/, "nothing of the refused POSTs reached Alice's stream")
    const own = await post(alice.accessToken, stream.sessionId)
    t.equal(own.status, 202, "Alice's own POST is accepted")
    await own.arrayBuffer()
    t.match(await stream.readFor(2_000), /"id":9/, 'and answered on her stream')
  },
)

t.test('F45: Last-Event-ID replays nothing, on /mcp or on a new /sse stream', async (t) => {
  const user = await stack.signIn()
  const get = await fetch(`${stack.publicUrl}/mcp`, {
    headers: {
      authorization: `Bearer ${user.accessToken}`,
      accept: 'text/event-stream',
      'mcp-protocol-version': LATEST,
      'last-event-id': 'someone-elses-stream:42',
    },
  })
  t.ok(get.status === 405 || get.status === 400, `stateless /mcp offers no stream to resume (${get.status})`)
  t.notMatch(await get.text(), /"jsonrpc"\s*:\s*"2\.0"\s*,\s*"result"/, 'no replayed message')

  const sseUser = await stack.signIn({ path: '/sse' })
  const stream = await openSse(sseUser.accessToken, { 'last-event-id': 'other-session:1' })
  t.teardown(() => stream.close())
  t.equal(stream.status, 200)
  t.match(stream.first, /^event: endpoint\n/, 'a fresh session starts with its endpoint event')
  t.notMatch(await stream.readFor(500), /^(event: message|data: \{)/m, 'and nothing is replayed')
})
