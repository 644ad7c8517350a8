// The token-exchange client against the real auth service (internal listener) and emulator: the
// Graph token is cached per grant (no HTTP on a hit), concurrent callers share one exchange, the
// cache is bounded (LRU, early refresh, maximum age), and a revoked grant is reauth_required.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'
import t from 'tap'
import pino from 'pino'
import { subscribeGrantRevocations } from '../../src/graph/grant-revocations.js'
import { createGraphTokenProvider } from '../../src/graph/token-exchange-client.js'
import { TokenExchangeError } from '../../src/graph/token-exchange-error.js'
import { INTERNAL_SECRET, startAuth, type AuthHarness } from './support/auth-harness.js'

let auth: AuthHarness

t.before(async () => {
  auth = await startAuth((fn) => t.teardown(fn))
})

function counted() {
  let calls = 0
  const counting: typeof fetch = (input, init) => {
    calls++
    return fetch(input, init)
  }
  return { fetch: counting, calls: () => calls }
}

function provider(options: { now?: () => number; maxEntries?: number; fetch?: typeof fetch } = {}) {
  return createGraphTokenProvider({
    authInternalUrl: auth.internalUrl,
    internalSecret: INTERNAL_SECRET,
    ...options,
  })
}

async function exchangeError(promise: Promise<unknown>): Promise<TokenExchangeError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TokenExchangeError) return error
    throw error
  }
  throw new Error('expected a TokenExchangeError')
}

t.test('graphToken: the grant’s Graph token, with its scopes, accepted by Graph', async (t) => {
  const user = await auth.signIn()
  const token = await provider().graphToken(user.accessToken, user.grantId)
  t.equal(token.grantId, user.grantId)
  t.equal(token.sub, user.sub)
  t.ok(token.scopes.includes('User.Read'), 'scopes come from the exchange')
  t.ok(token.expiresAt > Date.now() + 60_000)
  const dispatcher = new Agent({ connect: { ca: auth.emulator.caPem } })
  t.teardown(() => dispatcher.close())
  const me = await undiciFetch(`${auth.emulator.graphBaseUrl}/me`, {
    headers: { authorization: `Bearer ${token.accessToken}` },
    dispatcher,
  })
  t.equal(me.status, 200)
})

t.test('cache: a second call for the grant is served from the cache without HTTP', async (t) => {
  const user = await auth.signIn()
  const http = counted()
  const tokens = provider({ fetch: http.fetch })
  const first = await tokens.graphToken(user.accessToken, user.grantId)
  const second = await tokens.graphToken(user.accessToken, user.grantId)
  t.equal(http.calls(), 1)
  t.equal(second.accessToken, first.accessToken)
})

t.test(
  'invalidateAll: every grant is exchanged again afterwards (revocations may have been missed)',
  async (t) => {
    const [a, b] = [await auth.signIn(), await auth.signIn()]
    const http = counted()
    const tokens = provider({ fetch: http.fetch })
    await tokens.graphToken(a.accessToken, a.grantId)
    await tokens.graphToken(b.accessToken, b.grantId)
    tokens.invalidateAll()
    await tokens.graphToken(a.accessToken, a.grantId)
    await tokens.graphToken(b.accessToken, b.grantId)
    t.equal(http.calls(), 4, 'both exchanged twice')
  },
)

t.test('single flight: 20 concurrent callers of one grant share one exchange', async (t) => {
  const user = await auth.signIn()
  const http = counted()
  const tokens = provider({ fetch: http.fetch })
  const all = await Promise.all(
    Array.from({ length: 20 }, () => tokens.graphToken(user.accessToken, user.grantId)),
  )
  t.equal(http.calls(), 1)
  t.equal(new Set(all.map((x) => x.accessToken)).size, 1)
})

t.test('cache: another subject token for a cached grant is exchanged, not served', async (t) => {
  const user = await auth.signIn()
  const http = counted()
  const tokens = provider({ fetch: http.fetch })
  await tokens.graphToken(user.accessToken, user.grantId)
  const error = await exchangeError(tokens.graphToken(`${user.accessToken}x`, user.grantId))
  t.equal(http.calls(), 2, 'the forged token went to the auth service')
  t.equal(error.code, 'reauth_required')
})

t.test('expiry: exchanged again once inside the early-refresh window or past the maximum age', async (t) => {
  const user = await auth.signIn()
  let clock = Date.now()
  const http = counted()
  const tokens = provider({ fetch: http.fetch, now: () => clock })
  const first = await tokens.graphToken(user.accessToken, user.grantId)
  clock += 4 * 60_000
  await tokens.graphToken(user.accessToken, user.grantId)
  t.equal(http.calls(), 1, 'under the 5-minute maximum age: cached')
  clock += 2 * 60_000
  await tokens.graphToken(user.accessToken, user.grantId)
  t.equal(http.calls(), 2, 'past the maximum age: exchanged again')
  clock = first.expiresAt - 30_000
  await tokens.graphToken(user.accessToken, user.grantId)
  t.equal(http.calls(), 3, 'inside 60 s of expiry: exchanged again')
})

t.test('LRU: with room for one grant, a second grant evicts the first', async (t) => {
  const a = await auth.signIn()
  const b = await auth.signIn()
  t.not(a.grantId, b.grantId)
  const http = counted()
  const tokens = provider({ fetch: http.fetch, maxEntries: 1 })
  await tokens.graphToken(a.accessToken, a.grantId)
  await tokens.graphToken(b.accessToken, b.grantId)
  await tokens.graphToken(b.accessToken, b.grantId)
  t.equal(http.calls(), 2, 'b stays cached')
  await tokens.graphToken(a.accessToken, a.grantId)
  t.equal(http.calls(), 3, 'a was evicted')
})

t.test(
  'revoke: the grant-revoked message drops the cache and the next call is reauth_required',
  async (t) => {
    const user = await auth.signIn()
    const http = counted()
    const tokens = provider({ fetch: http.fetch })
    await tokens.graphToken(user.accessToken, user.grantId)
    let invalidated: (() => void) | undefined
    const seen = new Promise<void>((resolve) => (invalidated = resolve))
    const unsubscribe = await subscribeGrantRevocations({
      store: auth.store,
      channel: auth.grantRevokedChannel,
      invalidate: (grantId) => {
        tokens.invalidate(grantId)
        if (grantId === user.grantId) invalidated?.()
      },
      invalidateAll: () => tokens.invalidateAll(),
      logger: pino({ level: 'silent' }),
    })
    t.teardown(unsubscribe)
    t.equal(await auth.services.grants.revoke(user.grantId), true)
    await seen
    const error = await exchangeError(tokens.graphToken(user.accessToken, user.grantId))
    t.equal(error.code, 'reauth_required')
    t.equal(http.calls(), 2, 'asked the auth service again instead of serving the cache')
  },
)

t.test('invalidate during an exchange: its result is returned but not cached', async (t) => {
  const user = await auth.signIn()
  const http = counted()
  const tokens = provider({ fetch: http.fetch })
  const running = tokens.graphToken(user.accessToken, user.grantId)
  tokens.invalidate(user.grantId)
  await running
  await tokens.graphToken(user.accessToken, user.grantId)
  t.equal(http.calls(), 2)
})

t.test('a wrong service secret is internal, not reauth_required', async (t) => {
  const user = await auth.signIn()
  const tokens = createGraphTokenProvider({
    authInternalUrl: auth.internalUrl,
    internalSecret: 'wrong-secret',
  })
  const error = await exchangeError(tokens.graphToken(user.accessToken, user.grantId))
  t.equal(error.code, 'internal')
})

t.test('the auth service not listening is unavailable', async (t) => {
  const closed = createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const port = (closed.address() as AddressInfo).port
  await new Promise((resolve) => closed.close(resolve))
  const tokens = createGraphTokenProvider({
    authInternalUrl: `http://127.0.0.1:${port}`,
    internalSecret: INTERNAL_SECRET,
  })
  const error = await exchangeError(tokens.graphToken('token', 'grant'))
  t.equal(error.code, 'unavailable')
})

t.test(
  'answers of a misbehaving auth endpoint: 503 unavailable, other grant or bad shape internal',
  async (t) => {
    const answers: Array<[number, unknown]> = [
      [503, { error: 'temporarily_unavailable', error_description: 'Entra is down' }],
      [200, { access_token: 'x', expires_in: 3600, scope: 'User.Read', grant_id: 'another', sub: 's' }],
      [200, { access_token: '', expires_in: 3600, scope: 'User.Read', grant_id: 'grant', sub: 's' }],
      [200, 'not json at all'],
    ]
    const server = createServer((_req, res) => {
      const [status, body] = answers.shift() ?? [500, {}]
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    t.teardown(() => new Promise((resolve) => server.close(resolve)))
    const tokens = createGraphTokenProvider({
      authInternalUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      internalSecret: INTERNAL_SECRET,
    })
    const codes = []
    for (let i = 0; i < 4; i++) codes.push((await exchangeError(tokens.graphToken('token', 'grant'))).code)
    t.same(codes, ['unavailable', 'internal', 'internal', 'internal'])
  },
)
