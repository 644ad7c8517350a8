// Scheduled signing-key rotation: the idempotent rotateIfDue under the lock (replicas checking at
// once add one key), the overlap during which old tokens keep verifying (RFC 7517 §5, RFC 9068 §4),
// and the timer of key-rotation.ts driven by an injected clock.
import type { Store } from '@m365mcp/store'
import { decodeProtectedHeader } from 'jose'
import t from 'tap'
import type { Test } from 'tap'
import { configSchema } from '../../src/config.js'
import { createKeys } from '../../src/store/keys.js'
import { createAccessTokenIssuer } from '../../src/tokens/access-token.js'
import { createKeyRotation } from '../../src/tokens/key-rotation.js'
import type { RotatedKey, SigningKeys, SigningKeysOptions } from '../../src/tokens/signing-keys.js'
import { createSigningKeys } from '../../src/tokens/signing-keys.js'
import { AccessTokenError, createAccessTokenVerifier } from '../../src/tokens/verify-access-token.js'
import { keyring, manualClock, redisStore } from './token-fixture.js'

const ISSUER = 'https://mcp.example.com'
const RESOURCE = 'https://mcp.example.com/mcp'
const MINUTE = 60_000
const DAY = 86_400_000

async function replica(t: Test, store: Store, options: Partial<SigningKeysOptions> = {}) {
  const signingKeys = await createSigningKeys({
    store,
    keys: createKeys('auth:'),
    keyring,
    accessTokenTtlMs: 10 * MINUTE,
    propagationDelayMs: 15 * MINUTE,
    refreshIntervalMs: 0,
    clockSkewMs: MINUTE,
    ...options,
  })
  t.teardown(() => signingKeys.close())
  return signingKeys
}

async function storedKids(redis: { get(key: string): Promise<string | null> }, prefix: string) {
  const raw = await redis.get(`${prefix}auth:signing-keys`)
  return (JSON.parse(raw ?? '{"keys":[]}') as { keys: { kid: string }[] }).keys.map((key) => key.kid)
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!check()) throw new Error(`timed out waiting for ${what}`)
}

t.test('rotateIfDue: two replicas checking at once on one Redis add exactly one key', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const clock = manualClock()
  const one = await replica(t, store, { now: clock.now })
  const two = await replica(t, store, { now: clock.now })
  clock.advance(30 * DAY)
  const results = await Promise.all([
    ...Array.from({ length: 5 }, () => one.rotateIfDue(30 * DAY)),
    ...Array.from({ length: 5 }, () => two.rotateIfDue(30 * DAY)),
  ])
  const rotated = results.flatMap((result) => (result.rotated === null ? [] : [result.rotated]))
  t.equal(rotated.length, 1, 'exactly one caller published a key')
  t.equal((await storedKids(redis, prefix)).length, 2, 'the shared set holds the old key and one new key')
  t.same(
    new Set(results.map((result) => result.nextDueAt)),
    new Set([clock.now() + 30 * DAY]),
    'every caller learns the same next due date: the new key created now + interval',
  )
})

t.test('rotateIfDue: a key younger than the interval is not replaced', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const clock = manualClock()
  const start = clock.now()
  const one = await replica(t, store, { now: clock.now })
  clock.advance(30 * DAY - 1)
  const result = await one.rotateIfDue(30 * DAY)
  t.equal(result.rotated, null, 'one ms before the interval: no rotation')
  t.equal(result.nextDueAt, start + 30 * DAY, 'due when the newest key reaches the interval')
  t.equal((await storedKids(redis, prefix)).length, 1, 'the shared set is unchanged')
  clock.advance(1)
  t.not((await one.rotateIfDue(30 * DAY)).rotated, null, 'at the interval: rotated')
})

t.test('rotateIfDue: a published key not yet signing counts as the newest', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const clock = manualClock()
  const one = await replica(t, store, { now: clock.now })
  clock.advance(40 * DAY)
  await one.rotate()
  const result = await one.rotateIfDue(30 * DAY)
  t.equal(result.rotated, null, 'the pending key is fresh, even though the signing key is 40 days old')
  t.equal((await storedKids(redis, prefix)).length, 2)
  await t.rejects(one.rotateIfDue(-1), RangeError, 'a negative age is refused')
})

t.test(
  'rotation: tokens signed before it verify on the other replica through the whole overlap, and the new key verifies there after its refresh',
  async (t) => {
    const { store } = await redisStore(t)
    const clock = manualClock()
    const one = await replica(t, store, { now: clock.now })
    const two = await replica(t, store, { now: clock.now })
    const issuer = createAccessTokenIssuer({ signingKeys: one, issuer: ISSUER, now: clock.now })
    const verifier = createAccessTokenVerifier({ signingKeys: two, issuer: ISSUER, now: clock.now })
    const mint = () =>
      issuer.mint({ sub: 'usr_a', clientId: 'mcp_a', scope: 'mcp', resource: RESOURCE, grantId: 'grt_a' })
    const verifies = async (token: string) => (await verifier.verify(token, { audience: RESOURCE })).sub

    const oldKid = one.signingKey().kid
    clock.advance(30 * DAY)
    const { rotated } = await one.rotateIfDue(30 * DAY)
    if (rotated === null) throw new Error('expected a rotation')
    await two.refresh()
    t.same(
      two.jwks().keys.map((key) => key.kid),
      [oldKid, rotated.kid],
      'the other replica publishes both keys after its refresh',
    )

    clock.advance(15 * MINUTE - 1)
    const before = await mint()
    t.equal(decodeProtectedHeader(before.token).kid, oldKid, 'signed by the old key just before activation')
    clock.advance(1)
    const after = await mint()
    t.equal(decodeProtectedHeader(after.token).kid, rotated.kid, 'the new key signs from activatesAt')
    t.equal(await verifies(after.token), 'usr_a', 'a token of the new key verifies on the other replica')
    // The old token lives 10 minutes; the old key stays published for TTL + refresh + skew.
    for (const step of [0, 5 * MINUTE, 5 * MINUTE - 31_000]) {
      clock.advance(step)
      t.equal(await verifies(before.token), 'usr_a', `the old token still verifies ${step} ms later`)
    }
    t.equal(two.jwks().keys.length, 2, 'the old key is still published when the last token it signed expires')
    clock.advance(61_000)
    const late = await verifier.verify(before.token, { audience: RESOURCE }).catch((e: unknown) => e)
    t.ok(
      late instanceof AccessTokenError && late.reason === 'expired',
      'past exp + leeway the old token fails as expired, not as an unknown key',
    )
  },
)

/** A real replica whose rotateIfDue calls are counted (the scheduler's port). */
function counted(signingKeys: SigningKeys) {
  const calls = { count: 0 }
  return {
    calls,
    port: {
      rotateIfDue: (maxAgeMs: number) => {
        calls.count++
        return signingKeys.rotateIfDue(maxAgeMs)
      },
    },
  }
}

t.test('scheduler: rotates once the injected clock passes the interval, not before', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const clock = manualClock()
  const one = await replica(t, store, { now: clock.now })
  const { calls, port } = counted(one)
  const rotatedKeys: RotatedKey[] = []
  const rotation = createKeyRotation({
    signingKeys: port,
    intervalMs: 30 * DAY,
    checkEveryMs: 5,
    now: clock.now,
    onRotate: (key) => rotatedKeys.push(key),
  })
  t.teardown(() => rotation.stop())

  await until(() => calls.count === 1, 'the first check')
  await new Promise((resolve) => setTimeout(resolve, 60))
  t.equal(calls.count, 1, 'until the key is due the timer does not touch the store again')
  t.equal((await storedKids(redis, prefix)).length, 1, 'no rotation before the interval')

  clock.advance(30 * DAY)
  await until(() => rotatedKeys.length === 1, 'the scheduled rotation')
  t.equal((await storedKids(redis, prefix)).length, 2, 'one new key in the shared set')
  t.equal(rotatedKeys[0]?.activatesAt, clock.now() + 15 * MINUTE, 'it signs after the propagation delay')
  await new Promise((resolve) => setTimeout(resolve, 60))
  t.equal(rotatedKeys.length, 1, 'and only one: the next is due an interval later')

  await rotation.stop()
  clock.advance(30 * DAY)
  const seen = calls.count
  await new Promise((resolve) => setTimeout(resolve, 60))
  t.equal(calls.count, seen, 'stopped: no more checks')
})

t.test('scheduler: replicas on one Redis each checking on a timer add one key per interval', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const clock = manualClock()
  const replicas = await Promise.all([1, 2, 3].map(() => replica(t, store, { now: clock.now })))
  const rotatedKeys: RotatedKey[] = []
  const rotations = replicas.map((signingKeys) =>
    createKeyRotation({
      signingKeys,
      intervalMs: DAY,
      checkEveryMs: 2,
      now: clock.now,
      onRotate: (key) => rotatedKeys.push(key),
    }),
  )
  t.teardown(() => Promise.all(rotations.map((rotation) => rotation.stop())))
  clock.advance(DAY)
  await until(() => rotatedKeys.length === 1, 'a rotation')
  await new Promise((resolve) => setTimeout(resolve, 60))
  t.equal(rotatedKeys.length, 1, 'three schedulers, one new key')
  t.equal((await storedKids(redis, prefix)).length, 2)
})

t.test('scheduler: a failed check is reported and the next tick tries again', async (t) => {
  const errors: unknown[] = []
  let fail = true
  const rotation = createKeyRotation({
    signingKeys: {
      rotateIfDue: async () => {
        if (fail) throw new Error('store down')
        return { rotated: null, nextDueAt: Number.MAX_SAFE_INTEGER }
      },
    },
    intervalMs: DAY,
    checkEveryMs: 5,
    onError: (error) => errors.push(error),
  })
  t.teardown(() => rotation.stop())
  await until(() => errors.length >= 2, 'two reported failures')
  t.match(errors[0], { message: 'store down' })
  fail = false
  await t.resolves(rotation.check(), 'a later check succeeds')
  t.throws(
    () => createKeyRotation({ signingKeys: { rotateIfDue: () => rotation.check() as never }, intervalMs: 0 }),
    RangeError,
    'an interval of 0 is refused',
  )
})

t.test('SIGNING_KEY_ROTATION_INTERVAL: 30 days by default, at least 1 hour', async (t) => {
  const env = {
    ENTRA_AUTHORITY: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
    ENTRA_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
    ENTRA_CLIENT_SECRET: 'secret-value',
    TOKEN_ENCRYPTION_KEYS: 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    COOKIE_SECRETS: 'c'.repeat(32),
    INTERNAL_API_SECRET: 'i'.repeat(32),
  }
  const parsed = configSchema.safeParse(env)
  t.equal(parsed.success && parsed.data.SIGNING_KEY_ROTATION_INTERVAL, 30 * DAY)
  const hour = configSchema.safeParse({ ...env, SIGNING_KEY_ROTATION_INTERVAL: '1h' })
  t.equal(hour.success && hour.data.SIGNING_KEY_ROTATION_INTERVAL, 3_600_000)
  t.notOk(configSchema.safeParse({ ...env, SIGNING_KEY_ROTATION_INTERVAL: '59m' }).success, '59m refused')
})
