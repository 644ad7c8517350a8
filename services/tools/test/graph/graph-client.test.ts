// The Graph client against the real emulator over HTTPS (its run CA, a host name with a port as a
// custom host): retries honour Retry-After and are capped, Graph errors become curated ToolErrors,
// paging follows only nextLinks under the Graph base URL and says which URL each page came from.
import t, { type Test } from 'tap'
import { createGraphClientFactory, type GraphClient } from '../../src/graph/graph-client.js'
import { ToolError } from '../../src/graph/tool-error.js'
import { captureLogger } from './support/capture-logger.js'
import { startGraphHarness, type GraphHarness } from './support/graph-harness.js'

let harness: GraphHarness
let token: { accessToken: string; userId: string }

t.before(async () => {
  harness = await startGraphHarness((fn) => t.teardown(fn))
  token = await harness.graphToken()
})

function graph(t: Test, options: { maxRetryDelaySeconds?: number } = {}) {
  const captured = captureLogger()
  const factory = createGraphClientFactory({
    baseUrl: harness.emulator.graphBaseUrl,
    caPem: harness.emulator.caPem,
    logger: captured.logger,
    retry: { defaultDelaySeconds: 0, ...options },
  })
  t.teardown(() => factory.close())
  let unauthorized = 0
  const client: GraphClient = factory.forUser({
    accessToken: () => Promise.resolve(token.accessToken),
    onUnauthorized: () => unauthorized++,
  })
  return { client, captured, unauthorized: () => unauthorized }
}

async function toolError(t: Test, promise: Promise<unknown>): Promise<ToolError> {
  try {
    await promise
  } catch (error) {
    t.type(error, ToolError)
    return error as ToolError
  }
  throw new Error('expected a ToolError')
}

/** The clear text for the model carries no URL, request id, Graph text or token. */
function assertCurated(t: Test, message: string) {
  t.notMatch(message, /https?:\/\//, 'no URL in the message')
  t.notMatch(message, /localhost|v1\.0/, 'no host or Graph path in the message')
  t.notMatch(message, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, 'no request id')
  t.notMatch(message, /eyJ[A-Za-z0-9_-]{10,}/, 'no token')
  t.notMatch(message, /at .+:\d+:\d+/, 'no stack frame')
  t.notMatch(message, /Authorization_RequestDenied|ErrorAccessDenied|TooManyRequests|Lifetime validation/)
}

t.afterEach(() => harness.emulator.faults.clear())

t.test('get: /me answers through the SDK chain with the token sent to the custom host', async (t) => {
  const { client } = graph(t)
  const me = await client.get<{ id: string }>('/me', { query: { $select: 'id,displayName' } })
  t.equal(me.id, token.userId)
})

t.test('retry: a 429 with Retry-After 0.2 twice is retried and succeeds', async (t) => {
  const { client } = graph(t)
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 0.2, times: 2 })
  const started = Date.now()
  const me = await client.get<{ id: string }>('/me')
  t.equal(me.id, token.userId)
  t.equal(harness.emulator.faults.list().length, 0, 'both throttled answers were consumed')
  t.ok(Date.now() - started >= 380, 'waited Retry-After before each retry')
})

t.test('retry: throttled beyond 3 retries is a throttled ToolError saying when to retry', async (t) => {
  const { client, captured } = graph(t)
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 0.2, times: 10 })
  const error = await toolError(t, client.get('/me'))
  t.equal(error.code, 'throttled')
  t.equal(error.retryAfterSeconds, 1)
  t.match(error.message, /retry in about 1 seconds/i)
  t.equal(harness.emulator.faults.list()[0]?.hits, 4, 'one attempt and three retries, no more')
  assertCurated(t, error.message)
  const logged = captured.lines().find((l) => l.msg === 'graph call failed')
  t.equal(logged?.status, 429)
  t.match(String(logged?.requestId), /^[0-9a-f-]{36}$/, 'the Graph request-id went to the log')
})

t.test('retry: a Retry-After above the cap is not waited for: throttled at once', async (t) => {
  const { client } = graph(t, { maxRetryDelaySeconds: 10 })
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'throttle', retryAfter: 120, times: 10 })
  const started = Date.now()
  const error = await toolError(t, client.get('/me'))
  t.equal(error.code, 'throttled')
  t.equal(error.retryAfterSeconds, 120)
  t.equal(harness.emulator.faults.list()[0]?.hits, 1, 'no retry')
  t.ok(Date.now() - started < 2000)
})

t.test('503 after retries is upstream_unavailable', async (t) => {
  const { client } = graph(t)
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'unavailable', retryAfter: 0.1 })
  const error = await toolError(t, client.get('/me'))
  t.equal(error.code, 'upstream_unavailable')
  assertCurated(t, error.message)
})

t.test('403 is permission_missing naming the permissions the endpoint table gives', async (t) => {
  const { client } = graph(t)
  const error = await toolError(
    t,
    client.get('/me/messages', { permissions: ['Mail.ReadBasic', 'Mail.Read'] }),
  )
  t.equal(error.code, 'permission_missing')
  t.match(error.message, /Mail\.ReadBasic, Mail\.Read/)
  t.match(error.message, /administrator may need to grant consent/)
  t.same(error.permissions, ['Mail.ReadBasic', 'Mail.Read'])
  assertCurated(t, error.message)
})

t.test('404 is not_found with no Graph text', async (t) => {
  const { client } = graph(t)
  const error = await toolError(t, client.get('/users/00000000-0000-0000-0000-000000000000'))
  t.equal(error.code, 'not_found')
  assertCurated(t, error.message)
})

t.test('expired token (Graph 401) is reauth_required and calls onUnauthorized', async (t) => {
  const { client, unauthorized } = graph(t)
  harness.emulator.faults.add({ target: 'graph:/me', kind: 'expired_token', times: 1 })
  const error = await toolError(t, client.get('/me'))
  t.equal(error.code, 'reauth_required')
  t.match(error.message, /sign in again/)
  t.equal(unauthorized(), 1)
  assertCurated(t, error.message)
})

t.test('400 is bad_request with a curated reason', async (t) => {
  const { client } = graph(t)
  const error = await toolError(t, client.get('/users', { query: { $filter: 'nonsense eq eq' } }))
  t.equal(error.code, 'bad_request')
  assertCurated(t, error.message)
})

t.test('getPage: following nextLinks returns every user exactly once', async (t) => {
  const { client } = graph(t)
  const expected = harness.emulator.seed.users
    .filter((u) => u.tenantId === harness.emulator.seed.demoUsers[0]?.tenantId)
    .map((u) => u.id)
  const seen: string[] = []
  let page = await client.getPage<{ id: string }>('/users', { query: { $top: 3, $select: 'id' } })
  let pages = 1
  for (;;) {
    t.ok(page.value.length <= 3, 'no page larger than $top')
    seen.push(...page.value.map((u) => u.id))
    if (page.nextLink === undefined || pages >= 100) break
    page = await client.getPage<{ id: string }>(page.nextLink)
    pages++
  }
  t.ok(pages > 1, 'more than one page')
  t.equal(new Set(seen).size, seen.length, 'no user twice')
  t.same([...seen].sort(), [...expected].sort(), 'every user of the tenant')
})

t.test('getPage: link is the absolute URL sent, OData options first, and gives the page again', async (t) => {
  const { client } = graph(t)
  const base = harness.emulator.graphBaseUrl
  const first = await client.getPage<{ id: string }>('/users', {
    query: { $search: undefined, $select: 'id,displayName', $top: 2 },
  })
  t.equal(first.link, `${base}/users?$select=id%2CdisplayName&$top=2`, 'base + path + encoded query')
  const again = await client.getPage<{ id: string }>(first.link)
  t.equal(again.link, first.link, 'a link is kept as given')
  t.same(again.value, first.value, 'the same page')
  t.equal(again.nextLink, first.nextLink)
  const next = await client.getPage<{ id: string }>(first.nextLink ?? '')
  t.equal(next.link, first.nextLink, 'a nextLink page is at its nextLink')
  // Other names after the OData ones, as the SDK builds the URL: what a cursor seals was sent.
  const search = await client.getPage<{ id: string }>('/users', {
    query: { $search: '"displayName:Zoë"', $top: 5 },
    headers: { ConsistencyLevel: 'eventual' },
  })
  t.equal(search.link, `${base}/users?$top=5&$search=%22displayName%3AZo%C3%AB%22`)
  t.ok(search.value.length > 0, 'the search was understood as sent')
  const bare = await client.getPage('/users')
  t.equal(bare.link, `${base}/users`, 'no query: no question mark')
})

t.test('getPage: a nextLink outside the Graph base URL is refused without a request', async (t) => {
  const { client } = graph(t)
  const base = harness.emulator.graphBaseUrl
  const origin = new URL(base)
  for (const link of [
    'https://evil.example/v1.0/users?$skiptoken=x',
    `https://${origin.hostname}.evil.example:${origin.port}/v1.0/users`,
    `http://${origin.host}/v1.0/users`,
    `https://${origin.host}/beta/users`,
    `https://user@${origin.host}/v1.0/users`,
  ]) {
    const error = await toolError(t, client.getPage(link))
    t.equal(error.code, 'bad_request', link)
    assertCurated(t, error.message)
  }
  const first = await client.getPage<{ id: string }>('/users', { query: { $top: 2 } })
  t.ok(first.nextLink?.startsWith(`${base}/`), 'a real nextLink is under the base URL')
  const second = await client.getPage<{ id: string }>(first.nextLink ?? '')
  t.ok(second.value.length > 0, 'and is followed')
})

t.test('paths that could leave Graph or climb out are refused', async (t) => {
  const { client } = graph(t)
  for (const path of ['me', '//evil.example/x', '/../me', '/me?$select=id', '/users/a\\b']) {
    const error = await toolError(t, client.get(path))
    t.equal(error.code, 'internal', path)
  }
})

t.test('a token-exchange failure keeps its code through the client', async (t) => {
  const { TokenExchangeError } = await import('../../src/graph/token-exchange-error.js')
  const factory = createGraphClientFactory({
    baseUrl: harness.emulator.graphBaseUrl,
    caPem: harness.emulator.caPem,
    logger: captureLogger().logger,
  })
  t.teardown(() => factory.close())
  const client = factory.forUser({
    accessToken: () => Promise.reject(new TokenExchangeError('reauth_required', 'grant revoked')),
  })
  const error = await toolError(t, client.get('/me'))
  t.equal(error.code, 'reauth_required')
})

t.test('without the run CA the emulator is not trusted: upstream_unavailable', async (t) => {
  const factory = createGraphClientFactory({
    baseUrl: harness.emulator.graphBaseUrl,
    logger: captureLogger().logger,
  })
  t.teardown(() => factory.close())
  const client = factory.forUser({ accessToken: () => Promise.resolve(token.accessToken) })
  const error = await toolError(t, client.get('/me'))
  t.equal(error.code, 'upstream_unavailable')
  assertCurated(t, error.message)
})
