// The per-user cap on open SSE streams (ATTACKS F49, SSE_MAX_STREAMS_PER_USER), through a real
// gateway in front of an echo upstream: a user at the cap gets 429 + Retry-After (OAuth-style
// `slow_down` on /sse) while other users still connect, and every way a stream ends frees its
// slot exactly once: the client leaving, the upstream failing before or after answering, no
// healthy replica.
import { request as httpRequest, type IncomingMessage } from 'node:http'
import t from 'tap'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway, type RunningGateway } from '../support/gateway.js'
import type { TeardownHost } from '../support/teardown.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'

interface Opened {
  res: IncomingMessage
  close(): void
  /** The body, for answers that are not streams. */
  text(): Promise<string>
}

async function setUp(t: TeardownHost, env: Record<string, string> = {}) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const upstream = await startEchoUpstream(teardown, 'a')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: upstream.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
    SSE_MAX_STREAMS_PER_USER: '2',
    ...env,
  })
  const tokens = new Map<string, string>()
  const token = async (subject: string) => {
    const known = tokens.get(subject)
    if (known) return known
    const minted = await minter.mint({ resource: `${PUBLIC_URL}/sse`, subject })
    tokens.set(subject, minted)
    return minted
  }
  const open = async (subject: string, path = '/sse'): Promise<Opened> => {
    const bearer = await token(subject)
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${gw.url}${path}`, {
        headers: { authorization: `Bearer ${bearer}`, accept: 'text/event-stream' },
      })
      t.teardown(() => void req.destroy())
      req.on('response', (res) =>
        resolve({
          res,
          close: () => req.destroy(),
          text: async () => {
            let body = ''
            for await (const chunk of res) body += String(chunk)
            return body
          },
        }),
      )
      req.on('error', reject)
      req.end()
    })
  }
  return { upstream, gw, open, token }
}

/** Polls until `sub` holds `expected` streams on the gateway (a close reaches it asynchronously). */
async function countReaches(gw: RunningGateway, sub: string, expected: number): Promise<number> {
  for (let i = 0; i < 500 && gw.services.streamCap.count(sub) !== expected; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return gw.services.streamCap.count(sub)
}

t.test('stream cap: a third concurrent /sse stream of one user gets 429 + Retry-After (F49)', async (t) => {
  const { gw, open, upstream } = await setUp(t)
  const first = await open('usr_alice')
  const second = await open('usr_alice')
  t.same([first.res.statusCode, second.res.statusCode], [200, 200])
  t.equal(gw.services.streamCap.count('usr_alice'), 2)

  const third = await open('usr_alice')
  t.equal(third.res.statusCode, 429)
  const retryAfter = Number(third.res.headers['retry-after'])
  t.ok(Number.isInteger(retryAfter) && retryAfter >= 1, 'Retry-After in seconds')
  t.match(JSON.parse(await third.text()), { error: 'slow_down', error_description: /streams/ })
  t.equal(upstream.seen.filter((r) => r.url === '/sse').length, 2, 'the refused stream was never proxied')
  t.equal(gw.services.streamCap.count('usr_alice'), 2, 'a refusal holds no slot')

  const bob = await open('usr_bob')
  t.equal(bob.res.statusCode, 200, 'another user still connects')
})

t.test('stream cap: closing a stream frees its slot', async (t) => {
  const { gw, open } = await setUp(t)
  const first = await open('usr_alice')
  await open('usr_alice')
  first.close()
  t.equal(await countReaches(gw, 'usr_alice', 1), 1, 'the client leaving released one slot')
  t.equal((await open('usr_alice')).res.statusCode, 200, 'a new stream fits again')
  t.equal((await open('usr_alice')).res.statusCode, 429)
})

t.test('stream cap: a stream whose upstream fails frees its slot, once', async (t) => {
  const { gw, open } = await setUp(t)
  const reset = await open('usr_alice', '/sse?reset')
  t.equal(reset.res.statusCode, 502, 'the upstream dropped the request before answering')
  await reset.text()
  t.equal(await countReaches(gw, 'usr_alice', 0), 0, 'released after a failure before the answer')

  const cut = await open('usr_alice', '/sse?cut')
  t.equal(cut.res.statusCode, 200)
  await cut.text().catch(() => '')
  t.equal(await countReaches(gw, 'usr_alice', 0), 0, 'released after the upstream cut the stream')

  // Released exactly once each: the cap of 2 holds again, neither more nor fewer.
  const kept = [await open('usr_alice'), await open('usr_alice'), await open('usr_alice')]
  t.same(
    kept.map((o) => o.res.statusCode),
    [200, 200, 429],
  )
})

t.test('stream cap: no healthy replica (503) frees the slot', async (t) => {
  const { gw, open } = await setUp(t, { TOOLS_UPSTREAMS: 'http://127.0.0.1:1' })
  const refused = await open('usr_alice')
  t.equal(refused.res.statusCode, 503)
  await refused.text()
  t.equal(await countReaches(gw, 'usr_alice', 0), 0)
})

t.test('stream cap: POST /messages is not a stream and is not capped', async (t) => {
  const { gw, open, token } = await setUp(t)
  await open('usr_alice')
  await open('usr_alice')
  const res = await fetch(`${gw.url}/messages?sessionId=a`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await token('usr_alice')}`, 'content-type': 'application/json' },
    body: '{"jsonrpc":"2.0","id":1,"method":"ping"}',
  })
  await res.body?.cancel()
  t.equal(res.status, 200)
})

t.test('stream cap: 0 disables it', async (t) => {
  const { open } = await setUp(t, { SSE_MAX_STREAMS_PER_USER: '0' })
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await open('usr_alice')).res.statusCode)
  t.same(statuses, [200, 200, 200, 200])
})
