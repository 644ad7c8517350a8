import { createMemoryStore, createRedisStore, type Store } from '@m365mcp/store'
import { withTestRedis } from '@m365mcp/testing'
import t, { type Test } from 'tap'
import { createCimdResolver, type CimdResolverOptions } from '../../src/clients/cimd.js'
import { createClientKeys } from '../../src/clients/client-keys.js'
import { createClientRegistry } from '../../src/clients/client-registry.js'
import { createClientStore } from '../../src/clients/client-store.js'
import { createSafeFetch } from '../../src/net/safe-fetch.js'
import type { HostResolver } from '../../src/net/resolve-host.js'
import { createTestCertificate, sendJson, startHttpsServer } from '../net/https-fixture.js'
import { testValidator } from './test-validator.js'

const certificate = await createTestCertificate()
// Per-path documents and headers, set by each test; the server serves what is there.
const documents = new Map<string, { body: unknown; headers?: Record<string, string>; delayMs?: number }>()
const server = await startHttpsServer(certificate, (req, res) => {
  const entry = documents.get(req.url ?? '')
  if (entry === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end('{}')
    return
  }
  setTimeout(() => sendJson(res, entry.body, entry.headers), entry.delayMs ?? 0)
})
t.teardown(() => server.close())
const origin = `https://cimd.test:${server.port}`
const hits = (path: string): number => server.requests.filter((r) => r.path === path).length

const resolver: HostResolver = async (hostname) => {
  if (hostname === 'cimd.test') return [{ address: '127.0.0.1', family: 4 }]
  if (hostname === 'internal.test') return [{ address: '10.1.2.3', family: 4 }]
  throw new Error('ENOTFOUND')
}
const fetch = createSafeFetch({
  ca: certificate.cert,
  resolve: resolver,
  allowance: { allowedCidrs: ['127.0.0.1/32'] },
})

let counter = 0
/** A fresh document path per test, so the server's request log tells tests apart. */
function publish(
  doc: (id: string) => Record<string, unknown>,
  headers?: Record<string, string>,
  delayMs?: number,
) {
  counter += 1
  const path = `/clients/${counter}/metadata.json`
  const clientId = `${origin}${path}`
  documents.set(path, {
    body: doc(clientId),
    ...(headers ? { headers } : {}),
    ...(delayMs ? { delayMs } : {}),
  })
  return { path, clientId }
}
const claudeCode = (id: string) => ({
  client_id: id,
  client_name: 'Claude Code',
  redirect_uris: ['http://localhost/callback', 'http://127.0.0.1/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'none',
})

async function setup(t: Test, extra: Partial<CimdResolverOptions> = {}) {
  const ctx = await withTestRedis(t)
  const store = createRedisStore({ redis: ctx.redis })
  t.teardown(() => store.close())
  const keys = createClientKeys(ctx.prefix)
  const cimd = createCimdResolver({ store, keys, fetch, validateMetadata: testValidator, ...extra })
  return { store, keys, cimd }
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  )

t.test('CIMD: a valid document resolves to a public client (draft §4)', async (t) => {
  const { cimd } = await setup(t)
  const { clientId } = publish(claudeCode)
  const client = await cimd.resolve(clientId)
  t.equal(client.kind, 'cimd')
  t.equal(client.clientId, clientId)
  t.equal(client.tokenEndpointAuthMethod, 'none')
  t.same(client.metadata.redirect_uris, ['http://localhost/callback', 'http://127.0.0.1/callback'])
})

t.test('CIMD: a document whose client_id differs from its URL is refused (draft §4)', async (t) => {
  const { cimd } = await setup(t)
  const other = publish(claudeCode).clientId
  const { clientId } = publish(() => claudeCode(other))
  t.match(await rejection(cimd.resolve(clientId)), { error: 'invalid_client', status: 401 })
  const { clientId: trailing } = publish((id) => claudeCode(`${id}/`))
  t.match(await rejection(cimd.resolve(trailing)), { error: 'invalid_client' })
})

t.test('CIMD: shared-secret material and non-none methods are refused (draft §4.1)', async (t) => {
  const { cimd } = await setup(t)
  for (const extra of [
    { token_endpoint_auth_method: 'client_secret_post' },
    { token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://cimd.test/jwks' },
    { client_secret: 'shh' },
    { client_secret_expires_at: 0 },
  ]) {
    const { clientId } = publish((id) => ({ ...claudeCode(id), ...extra }))
    t.match(await rejection(cimd.resolve(clientId)), { error: 'invalid_client' }, JSON.stringify(extra))
  }
  const { clientId } = publish((id) => {
    const { token_endpoint_auth_method: _omit, ...rest } = claudeCode(id)
    return rest
  })
  t.equal((await cimd.resolve(clientId)).tokenEndpointAuthMethod, 'none', 'an absent method means none')
})

t.test('CIMD: invalid metadata in the document is refused, with the validator description', async (t) => {
  const { cimd } = await setup(t)
  const { clientId } = publish((id) => ({ ...claudeCode(id), redirect_uris: ['nope'] }))
  const error = await rejection(cimd.resolve(clientId))
  t.match(error, { error: 'invalid_client', description: /redirect_uris/ })
})

t.test('CIMD: malformed client_id URLs are refused without any fetch (draft §3)', async (t) => {
  const { cimd } = await setup(t)
  const before = server.requests.length
  for (const id of [
    `http://cimd.test:${server.port}/c`,
    `${origin}/`,
    `${origin}`,
    `${origin}/a/../c`,
    `${origin}/a/%2e%2e/c`,
    `${origin}/c#frag`,
    `https://user:pw@cimd.test:${server.port}/c`,
    `https://CIMD.test:${server.port}/c`,
    `https://cimd.test:443/c`,
  ]) {
    t.match(await rejection(cimd.resolve(id)), { error: 'invalid_client' }, id)
  }
  t.equal(server.requests.length, before)
})

t.test('E37: a CIMD URL pointing at an internal address is refused with a public description', async (t) => {
  const { cimd } = await setup(t)
  const error = await rejection(cimd.resolve('https://internal.test/client.json'))
  t.match(error, { error: 'invalid_client', description: /not allowed/ })
  t.notMatch(String((error as { description?: string }).description), /10\.1\.2\.3/, 'no address leaked')
})

t.test('E38: a document over the 5 KiB cap is refused (draft "Maximum Response Size")', async (t) => {
  const { cimd } = await setup(t)
  const { clientId } = publish((id) => ({ ...claudeCode(id), padding: 'x'.repeat(6 * 1024) }))
  t.match(await rejection(cimd.resolve(clientId)), { error: 'invalid_client', description: /too large/ })
})

t.test('CIMD cache: max-age is honoured, the second resolve does not fetch', async (t) => {
  const { cimd, store, keys } = await setup(t)
  const { path, clientId } = publish(claudeCode, { 'cache-control': 'public, max-age=600' })
  await cimd.resolve(clientId)
  await cimd.resolve(clientId)
  t.equal(hits(path), 1)
  const ttl = await store.ttl(keys.cimdDocument(clientId))
  t.ok(ttl !== null && ttl > 590_000 && ttl <= 600_000, `cached for max-age (${ttl} ms)`)
})

t.test('CIMD cache: no-store is honoured, every resolve fetches', async (t) => {
  const { cimd } = await setup(t)
  const { path, clientId } = publish(claudeCode, { 'cache-control': 'no-store' })
  await cimd.resolve(clientId)
  await cimd.resolve(clientId)
  t.equal(hits(path), 2)
})

t.test('CIMD cache: lifetimes are clamped to [60 s, 24 h]', async (t) => {
  const { cimd, store, keys } = await setup(t)
  const short = publish(claudeCode, { 'cache-control': 'max-age=1' })
  const long = publish(claudeCode, { 'cache-control': 'max-age=31536000' })
  await cimd.resolve(short.clientId)
  await cimd.resolve(long.clientId)
  const shortTtl = (await store.ttl(keys.cimdDocument(short.clientId))) ?? 0
  const longTtl = (await store.ttl(keys.cimdDocument(long.clientId))) ?? 0
  t.ok(shortTtl > 55_000 && shortTtl <= 60_000, `raised to 60 s (${shortTtl})`)
  t.ok(longTtl > 86_390_000 && longTtl <= 86_400_000, `cut to 24 h (${longTtl})`)
})

t.test(
  'CIMD: a failure is remembered briefly, then the document is fetched again (memory clock)',
  async (t) => {
    let now = 1_000_000
    const store: Store = createMemoryStore({ now: () => now })
    t.teardown(() => store.close())
    const cimd = createCimdResolver({
      store,
      keys: createClientKeys('neg:'),
      fetch,
      validateMetadata: testValidator,
      failureTtlMs: 10_000,
    })
    const { path, clientId } = publish((id) => claudeCode(`${id}-wrong`))
    t.match(await rejection(cimd.resolve(clientId)), { error: 'invalid_client' })
    t.match(await rejection(cimd.resolve(clientId)), {
      error: 'invalid_client',
      description: /failed recently/,
    })
    t.equal(hits(path), 1, 'the failing URL was not fetched again')
    const entry = documents.get(path)
    if (entry) entry.body = claudeCode(clientId) // the client fixes its document
    now += 10_001
    t.equal((await cimd.resolve(clientId)).clientId, clientId)
    t.equal(hits(path), 2)
  },
)

t.test('CIMD: 20 concurrent resolves of one URL cause one fetch (single flight)', async (t) => {
  const { cimd } = await setup(t)
  const { path, clientId } = publish(claudeCode, { 'cache-control': 'no-store' }, 100)
  const results = await Promise.all(Array.from({ length: 20 }, () => cimd.resolve(clientId)))
  t.equal(hits(path), 1)
  t.ok(results.every((r) => r.clientId === clientId))
})

t.test(
  'registry: URL ids resolve by CIMD, others by DCR; CIMD clients authenticate only as none',
  async (t) => {
    const { cimd, store } = await setup(t)
    const clients = createClientStore({
      store,
      keys: createClientKeys('reg:'),
      validateMetadata: testValidator,
      now: Date.now,
    })
    const registry = createClientRegistry({ clients, cimd })
    const { clientId } = publish(claudeCode)
    t.equal((await registry.resolveClient(clientId)).kind, 'cimd')
    const dcr = await clients.register({
      redirect_uris: ['https://a.example/cb'],
      token_endpoint_auth_method: 'none',
    })
    t.equal((await registry.resolveClient(dcr.client.clientId)).kind, 'dcr')
    t.match(await rejection(registry.resolveClient('mcp_unknown')), { error: 'invalid_client', status: 401 })
    t.equal((await registry.authenticateClient(clientId, { method: 'none' })).kind, 'cimd')
    t.match(
      await rejection(registry.authenticateClient(clientId, { method: 'client_secret_post', secret: 's' })),
      {
        error: 'invalid_client',
      },
    )
  },
)
