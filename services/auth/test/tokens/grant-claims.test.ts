// The grant keeps the sign-in's app roles and groups (docs/storage-schema.md `auth:grant:<id>`
// `directory`) and every access token of the grant carries them; records stored before the field
// existed still load and mint tokens with `tid` only.
import t from 'tap'
import { grantAccessTokenClaims } from '../../src/tokens/grant-claims.js'
import { grantModules, newGrant, redisStore } from './token-fixture.js'

const GROUP = '0b0b0b0b-1111-4222-8333-444444444444'

t.test('grant claims: roles and groups survive storage, an Entra token update and a re-read', async (t) => {
  const { store } = await redisStore(t)
  const { grants } = grantModules(store)
  const created = await grants.create(newGrant({ directory: { roles: ['Tools.Writer'], groups: [GROUP] } }))
  t.ok(await grants.updateEntraTokens(created.id, { ...grants.entraTokens(created), accessToken: 'renewed' }))
  const read = await grants.get(created.id)
  if (!read) throw new Error('grant vanished')
  t.same(grantAccessTokenClaims(read), { tid: 'tenant-1', roles: ['Tools.Writer'], groups: [GROUP] })
})

t.test(
  'grant claims: a grant stored without directory claims still loads; its tokens carry tid only',
  async (t) => {
    const { store } = await redisStore(t)
    const { grants, keys } = grantModules(store)
    const created = await grants.create(newGrant())
    const { directory, ...older } = JSON.parse((await store.get(keys.grant(created.id))) ?? '{}') as Record<
      string,
      unknown
    >
    t.equal(directory, undefined, 'a sign-in without roles or groups stores none')
    await store.set(keys.grant(created.id), JSON.stringify(older), { ttlMs: 60_000 })
    const read = await grants.get(created.id)
    if (!read) throw new Error('an older grant record did not load')
    t.same(grantAccessTokenClaims(read), { tid: 'tenant-1' })
  },
)

t.test(
  'grant claims: a stored record with malformed directory claims is refused, not passed on',
  async (t) => {
    const { store } = await redisStore(t)
    const { grants, keys } = grantModules(store)
    const created = await grants.create(newGrant())
    const raw = JSON.parse((await store.get(keys.grant(created.id))) ?? '{}') as Record<string, unknown>
    await store.set(
      keys.grant(created.id),
      JSON.stringify({ ...raw, directory: { roles: ['x'.repeat(513)] } }),
      {
        ttlMs: 60_000,
      },
    )
    await t.rejects(grants.get(created.id))
  },
)
