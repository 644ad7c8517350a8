import { sha256 } from '@m365mcp/crypto'
import t from 'tap'
import { createAuthorizationCodes } from '../../src/tokens/authorization-code.js'
import { TokenGrantError } from '../../src/tokens/token-grant-error.js'
import {
  grantModules,
  grantWithCode,
  manualClock,
  memoryStore,
  redeemInput,
  redisStore,
} from './token-fixture.js'

const rejects = (reason: string) => ({ name: 'TokenGrantError', error: 'invalid_grant', reason })

t.test(
  'a code redeems once with the right client, redirect_uri and verifier (RFC 6749 §4.1.3)',
  async (t) => {
    const { store } = await redisStore(t)
    const modules = grantModules(store)
    const { grant, code } = await grantWithCode(modules)
    const { record, grant: redeemed } = await modules.codes.redeem(redeemInput(code))
    t.equal(redeemed.id, grant.id)
    t.equal(record.resource, grant.resource)
    t.equal(record.scope, grant.scope)
    t.ok(
      (await store.ttl(modules.keys.grant(grant.id)))! > 120_000,
      'redemption starts the grant idle lifetime',
    )
  },
)

t.test(
  'D26: a replayed code fails and revokes the grant the first redemption issued (RFC 6749 §4.1.2)',
  async (t) => {
    const { store } = await redisStore(t)
    const modules = grantModules(store)
    const { grant, code } = await grantWithCode(modules)
    await modules.codes.redeem(redeemInput(code))
    const { refreshToken } = await modules.refreshTokens.issue(grant)
    await t.rejects(modules.codes.redeem(redeemInput(code)), rejects('code_replayed'))
    t.equal(await modules.grants.get(grant.id), null, 'grant revoked')
    await t.rejects(
      modules.refreshTokens.rotate({ refreshToken, clientId: grant.clientId }),
      rejects('unknown'),
      'refresh token of the first redemption no longer works',
    )
  },
)

t.test('D27: a code presented by another client or with another redirect_uri is invalid_grant', async (t) => {
  const { store } = await redisStore(t)
  const modules = grantModules(store)
  const { code } = await grantWithCode(modules)
  await t.rejects(
    modules.codes.redeem({ ...redeemInput(code), clientId: 'mcp_client_b' }),
    rejects('client_mismatch'),
  )
  for (const redirectUri of [
    'http://127.0.0.1:33419/callback',
    'http://127.0.0.1:33418/callback/',
    'http://localhost:33418/callback',
    undefined,
  ]) {
    await t.rejects(
      modules.codes.redeem({ ...redeemInput(code), redirectUri }),
      rejects('redirect_uri_mismatch'),
      String(redirectUri),
    )
  }
  t.ok(
    await modules.codes.redeem(redeemInput(code)),
    'failed attempts did not burn the code of the rightful client',
  )
})

t.test(
  'A5/A6: a missing, wrong, short or ill-formed code_verifier is invalid_grant (RFC 7636 §4.6)',
  async (t) => {
    const { store } = await redisStore(t)
    const modules = grantModules(store)
    const { code } = await grantWithCode(modules)
    const bad = [
      undefined,
      '',
      'a'.repeat(42),
      'a'.repeat(43),
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX!',
      'x'.repeat(129),
    ]
    for (const codeVerifier of bad) {
      await t.rejects(
        modules.codes.redeem({ ...redeemInput(code), codeVerifier }),
        rejects('pkce_failed'),
        String(codeVerifier),
      )
    }
    await t.rejects(modules.codes.redeem({ ...redeemInput(code), code: `${code}x` }), rejects('malformed'))
    await t.rejects(modules.codes.redeem({ ...redeemInput(code), code: 'A'.repeat(43) }), rejects('unknown'))
  },
)

t.test('D28: of 50 concurrent redemptions of one code exactly one succeeds', async (t) => {
  const { store } = await redisStore(t)
  const modules = grantModules(store)
  const { grant, code } = await grantWithCode(modules)
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, () => modules.codes.redeem(redeemInput(code))),
  )
  const wins = results.filter((result) => result.status === 'fulfilled')
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : [],
  )
  t.equal(wins.length, 1, 'exactly one success')
  t.equal(failures.length, 49)
  t.ok(failures.every((error) => error instanceof TokenGrantError && error.error === 'invalid_grant'))
  t.ok(
    failures.some((error) => error instanceof TokenGrantError && error.reason === 'code_replayed'),
    'the losers saw a used code',
  )
  t.equal(await modules.grants.get(grant.id), null, 'and the replay revoked what the winner got (D26)')
})

t.test('D29: a code is invalid_grant one second after its 60 s lifetime (injected clock)', async (t) => {
  const clock = manualClock()
  const store = memoryStore(t, clock.now)
  const modules = grantModules(store, { now: clock.now })
  const { code } = await grantWithCode(modules)
  clock.advance(59_000)
  const { code: second } = await grantWithCode(modules)
  clock.advance(2_000)
  await t.rejects(
    modules.codes.redeem(redeemInput(code)),
    { name: 'TokenGrantError', error: 'invalid_grant' },
    'TTL + 1 s',
  )
  t.ok(await modules.codes.redeem(redeemInput(second)), 'a code still inside its 60 s works')
})

t.test('D29: the stored code expires with its TTL in Redis', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const modules = grantModules(store)
  const { code } = await grantWithCode(modules)
  const keys = await redis.keys(`${prefix}auth:code:*`)
  t.equal(keys.length, 1)
  const ttl = await redis.pttl(keys[0]!)
  t.ok(ttl > 0 && ttl <= 60_000, `TTL ≤ 60 s (${ttl})`)
  await redis.pexpire(keys[0]!, 1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  await t.rejects(modules.codes.redeem(redeemInput(code)), rejects('unknown'))
})

t.test('D35: codes carry 256 bits from the CSPRNG and are stored only as their hash', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const modules = grantModules(store)
  const codes = new Set<string>()
  for (let i = 0; i < 20; i++) codes.add((await grantWithCode(modules)).code)
  t.equal(codes.size, 20, 'all distinct')
  for (const code of codes) {
    t.match(code, /^[A-Za-z0-9_-]{43}$/, '43 base64url characters = 256 bits')
    t.equal(await redis.exists(`${prefix}${modules.keys.code(sha256(code))}`), 1, 'addressed by its sha256')
    t.equal(await redis.exists(`${prefix}${modules.keys.code(code)}`), 0, 'never by its value')
  }
  const { keys, grants } = modules
  t.throws(
    () => createAuthorizationCodes({ store, keys, grants, ttlMs: 61_000 }),
    RangeError,
    'lifetime > 60 s refused',
  )
})
