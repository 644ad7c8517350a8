import { CryptoError } from '@m365mcp/crypto'
import t from 'tap'
import { ENTRA, grantModules, grantWithCode, newGrant, redeemInput, redisStore } from './token-fixture.js'

t.test('a grant keeps the Entra tokens only as an envelope bound to its id', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const { grants, keys } = grantModules(store)
  const grant = await grants.create(newGrant())
  t.match(grant.id, /^grt_[A-Za-z0-9_-]{22}$/)
  t.same(grants.entraTokens(grant), ENTRA)
  const raw = (await redis.get(`${prefix}${keys.grant(grant.id)}`))!
  t.notMatch(raw, ENTRA.refreshToken)
  t.notMatch(raw, ENTRA.accessToken)
  const other = await grants.create(newGrant())
  t.throws(
    () => grants.entraTokens({ ...other, entra: grant.entra }),
    CryptoError,
    'a ciphertext moved to another grant does not open',
  )
})

t.test('updating the Entra tokens replaces them and keeps the grant lifetime', async (t) => {
  const { store } = await redisStore(t)
  const { grants, keys } = grantModules(store)
  const grant = await grants.create(newGrant())
  const ttl = (await store.ttl(keys.grant(grant.id)))!
  const rotated = { ...ENTRA, refreshToken: 'entra-rt-2', expiresAt: ENTRA.expiresAt + 3_600_000 }
  const updates = await Promise.all(
    Array.from({ length: 5 }, () => grants.updateEntraTokens(grant.id, rotated)),
  )
  t.same(updates, [true, true, true, true, true], 'concurrent updates all land (compare-and-set retries)')
  t.same(grants.entraTokens((await grants.get(grant.id))!), rotated)
  t.ok((await store.ttl(keys.grant(grant.id)))! <= ttl)
  t.equal(await grants.updateEntraTokens('grt_AAAAAAAAAAAAAAAAAAAAAA', rotated), false, 'unknown grant')
})

t.test('revoking a grant deletes it, its refresh tokens and code markers, and announces it', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const modules = grantModules(store)
  const { grants, keys } = modules
  const events: string[] = []
  const unsubscribe = await store.subscribe(
    keys.channels.grantRevoked(),
    (message) => void events.push(message),
  )
  t.teardown(unsubscribe)
  const { grant, code } = await grantWithCode(modules)
  await modules.codes.redeem(redeemInput(code))
  const { refreshToken } = await modules.refreshTokens.issue(grant)
  await modules.refreshTokens.rotate({ refreshToken, clientId: grant.clientId })
  const keep = await grants.create(newGrant())
  t.equal((await grants.listForUser(grant.sub)).length, 2)

  t.equal(await grants.revoke(grant.id), true)
  t.equal(await grants.get(grant.id), null)
  const left = await redis.keys(`${prefix}*`)
  t.notOk(
    left.some((key) => key.includes(grant.id)),
    'no key of the grant is left',
  )
  t.notOk(
    left.some((key) => key.includes(':rt:') || key.includes(':code:')),
    'no refresh token or code marker left',
  )
  t.same(
    (await grants.listForUser(grant.sub)).map((g) => g.id),
    [keep.id],
    'the user index forgets it',
  )
  for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  t.same(
    events.map((event) => JSON.parse(event) as unknown),
    [{ grantId: grant.id, sub: grant.sub, clientId: grant.clientId }],
  )
  t.equal(await grants.revoke(grant.id), false, 'revoking again is a no-op')
})

t.test('an unredeemed grant lives only as long as its pending window', async (t) => {
  const { store } = await redisStore(t)
  const { grants, keys } = grantModules(store)
  const grant = await grants.create(newGrant(), { pendingTtlMs: 120_000 })
  t.ok((await store.ttl(keys.grant(grant.id)))! <= 120_000)
  t.ok((await grants.touch(grant.id))! > 120_000, 'touch starts the idle lifetime')
})
