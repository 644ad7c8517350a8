import { createMemoryStore, createRedisStore } from '@m365mcp/store'
import { withTestRedis } from '@m365mcp/testing'
import t, { type Test } from 'tap'
import { OAuthError } from '../../src/oauth/errors.js'
import { createClientKeys } from '../../src/clients/client-keys.js'
import { createClientStore, DCR_CLIENT_ID } from '../../src/clients/client-store.js'
import { testValidator } from './test-validator.js'

const DAY = 24 * 60 * 60 * 1000
const REDIRECT = ['https://claude.ai/api/mcp/auth_callback']

async function redisClients(t: Test) {
  const ctx = await withTestRedis(t)
  const store = createRedisStore({ redis: ctx.redis })
  t.teardown(() => store.close())
  const clients = createClientStore({
    store,
    keys: createClientKeys(ctx.prefix),
    validateMetadata: testValidator,
    now: Date.now,
  })
  return { ctx, clients }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  )
}

t.test(
  'register: client_secret_post gets a server-chosen id and a secret returned once (RFC 7591 §3.2.1)',
  async (t) => {
    const { clients } = await redisClients(t)
    const { client, response } = await clients.register({
      redirect_uris: REDIRECT,
      token_endpoint_auth_method: 'client_secret_post',
      client_name: 'Claude',
    })
    t.match(client.clientId, DCR_CLIENT_ID)
    t.equal(response.client_id, client.clientId)
    t.equal(response.token_endpoint_auth_method, 'client_secret_post', 'the requested method is echoed')
    t.type(response.client_secret, 'string')
    t.ok(String(response.client_secret).length >= 43, '256-bit secret')
    t.equal(response.client_secret_expires_at, 0)
    t.type(response.client_id_issued_at, 'number')
    t.same(response.redirect_uris, REDIRECT)
    const stored = await clients.get(client.clientId)
    t.equal(stored?.tokenEndpointAuthMethod, 'client_secret_post')
    t.not(stored?.secretHash, response.client_secret)
  },
)

t.test('register: a public client (none) gets no secret at all', async (t) => {
  const { clients } = await redisClients(t)
  const { client, response } = await clients.register({
    redirect_uris: ['cursor://anysphere.cursor-mcp/oauth/callback', 'http://localhost/callback'],
    token_endpoint_auth_method: 'none',
  })
  t.equal(response.client_secret, undefined)
  t.equal(response.client_secret_expires_at, undefined)
  t.equal(response.token_endpoint_auth_method, 'none')
  t.equal(client.secretHash, undefined)
})

t.test(
  'register: without a method the RFC 7591 §2 default client_secret_basic is echoed with a secret',
  async (t) => {
    const { clients } = await redisClients(t)
    const { response } = await clients.register({ redirect_uris: REDIRECT })
    t.equal(response.token_endpoint_auth_method, 'client_secret_basic')
    t.type(response.client_secret, 'string')
  },
)

t.test('register: invalid metadata is refused in RFC 7591 §3.2.2 vocabulary', async (t) => {
  const { clients } = await redisClients(t)
  t.match(await rejection(clients.register({ redirect_uris: ['not a url'] })), {
    error: 'invalid_redirect_uri',
    status: 400,
  })
  t.match(await rejection(clients.register('nope')), { error: 'invalid_client_metadata', status: 400 })
  t.match(
    await rejection(
      clients.register({ redirect_uris: REDIRECT, token_endpoint_auth_method: 'private_key_jwt' }),
    ),
    {
      error: 'invalid_client_metadata',
    },
  )
})

t.test('E39: a registrant-chosen client_id or secret is ignored, never adopted or overwriting', async (t) => {
  const { clients } = await redisClients(t)
  const victim = await clients.register({ redirect_uris: REDIRECT, token_endpoint_auth_method: 'none' })
  const squat = await clients.register({
    redirect_uris: ['https://evil.example/cb'],
    token_endpoint_auth_method: 'client_secret_post',
    client_id: victim.client.clientId,
    client_secret: 'chosen-by-attacker',
    software_id: 'usr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  })
  t.not(squat.client.clientId, victim.client.clientId)
  t.not(squat.response.client_secret, 'chosen-by-attacker')
  const still = await clients.get(victim.client.clientId)
  t.same(still?.metadata.redirect_uris, REDIRECT, 'the victim registration is untouched')
  const userLike = await clients.register({
    redirect_uris: REDIRECT,
    client_id: 'usr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  })
  t.match(userLike.client.clientId, DCR_CLIENT_ID)
  t.equal(await clients.get('usr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), null)
})

t.test('G51: the plaintext secret is nowhere under the prefix; only its hash is stored', async (t) => {
  const { ctx, clients } = await redisClients(t)
  const { response } = await clients.register({
    redirect_uris: REDIRECT,
    token_endpoint_auth_method: 'client_secret_basic',
  })
  const secret = String(response.client_secret)
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await ctx.redis.scan(cursor, 'MATCH', `${ctx.prefix}*`, 'COUNT', 100)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  t.ok(keys.length > 0, 'the registration is stored under the prefix')
  for (const key of keys) {
    const value = (await ctx.redis.get(key)) ?? ''
    t.notOk(key.includes(secret) || value.includes(secret), `${key} holds no plaintext secret`)
  }
})

t.test(
  'authenticate: right method and secret pass, everything else is invalid_client 401 (RFC 6749 §5.2, E33)',
  async (t) => {
    const { clients } = await redisClients(t)
    const post = await clients.register({
      redirect_uris: REDIRECT,
      token_endpoint_auth_method: 'client_secret_post',
    })
    const id = post.client.clientId
    const secret = String(post.response.client_secret)
    t.equal((await clients.authenticate(id, { method: 'client_secret_post', secret })).clientId, id)
    const refusals: Array<[string, Parameters<typeof clients.authenticate>[1]]> = [
      [
        'wrong secret',
        { method: 'client_secret_post', secret: `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}` },
      ],
      ['secret of another length', { method: 'client_secret_post', secret: 'short' }],
      ['empty secret', { method: 'client_secret_post', secret: '' }],
      ['no secret', { method: 'client_secret_post' }],
      ['basic instead of the registered post', { method: 'client_secret_basic', secret }],
      ['none for a confidential client', { method: 'none' }],
    ]
    for (const [label, credentials] of refusals) {
      const error = await rejection(clients.authenticate(id, credentials))
      t.type(error, OAuthError, label)
      t.match(error, { error: 'invalid_client', status: 401 }, label)
    }
    t.match(await rejection(clients.authenticate('mcp_AAAAAAAAAAAAAAAAAAAAAA', { method: 'none' })), {
      error: 'invalid_client',
    })
    t.match(await rejection(clients.authenticate('../../etc', { method: 'none' })), {
      error: 'invalid_client',
    })

    const pub = await clients.register({ redirect_uris: REDIRECT, token_endpoint_auth_method: 'none' })
    t.equal(
      (await clients.authenticate(pub.client.clientId, { method: 'none' })).clientId,
      pub.client.clientId,
    )
    t.match(await rejection(clients.authenticate(pub.client.clientId, { method: 'none', secret: 'x' })), {
      error: 'invalid_client',
    })
    t.match(
      await rejection(
        clients.authenticate(pub.client.clientId, { method: 'client_secret_post', secret: 'x' }),
      ),
      {
        error: 'invalid_client',
      },
    )
  },
)

t.test(
  'E38: registrations expire when unused; use past half-life extends them (memory store, injected clock)',
  async (t) => {
    let now = 1_700_000_000_000
    const store = createMemoryStore({ now: () => now })
    t.teardown(() => store.close())
    const keys = createClientKeys('exp:')
    const clients = createClientStore({
      store,
      keys,
      validateMetadata: testValidator,
      now: () => now,
      unusedTtlMs: 30 * DAY,
    })

    const unused = await clients.register({ redirect_uris: REDIRECT, token_endpoint_auth_method: 'none' })
    const used = await clients.register({ redirect_uris: REDIRECT, token_endpoint_auth_method: 'none' })

    now += 1 * DAY
    await clients.authenticate(used.client.clientId, { method: 'none' })
    t.equal(await store.ttl(keys.dcrClient(used.client.clientId)), 29 * DAY, 'early use writes nothing')

    now += 19 * DAY // day 20: 10 days left, below half
    await clients.authenticate(used.client.clientId, { method: 'none' })
    t.equal(
      await store.ttl(keys.dcrClient(used.client.clientId)),
      30 * DAY,
      'late use restores the full lifetime',
    )

    now += 11 * DAY // day 31
    t.equal(await clients.get(unused.client.clientId), null, 'the unused registration is gone')
    t.match(await rejection(clients.authenticate(unused.client.clientId, { method: 'none' })), {
      error: 'invalid_client',
    })
    t.not(await clients.get(used.client.clientId), null, 'the used one is still there')
  },
)
