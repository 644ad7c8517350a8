import { decodeProtectedHeader } from 'jose'
import t from 'tap'
import { createKeys } from '../../src/store/keys.js'
import { createAccessTokenIssuer } from '../../src/tokens/access-token.js'
import { createSigningKeys, type SigningKeysOptions } from '../../src/tokens/signing-keys.js'
import { createAccessTokenVerifier } from '../../src/tokens/verify-access-token.js'
import { keyring, manualClock, redisStore } from './token-fixture.js'
import type { Store } from '@m365mcp/store'
import type { Test } from 'tap'

const ISSUER = 'https://mcp.example.com'
const RESOURCE = 'https://mcp.example.com/mcp'
const MINUTE = 60_000

async function replica(t: Test, store: Store, options: Partial<SigningKeysOptions> = {}) {
  const signingKeys = await createSigningKeys({
    store,
    keys: createKeys('auth:'),
    keyring,
    accessTokenTtlMs: 10 * MINUTE,
    propagationDelayMs: 15 * MINUTE,
    refreshIntervalMs: MINUTE,
    clockSkewMs: MINUTE,
    ...options,
  })
  t.teardown(() => signingKeys.close())
  return signingKeys
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!check()) throw new Error(`timed out waiting for ${what}`)
}

t.test('two replicas starting at once on one Redis end up with one signing key', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const [a, b] = await Promise.all([replica(t, store), replica(t, store)])
  t.equal(a.signingKey().kid, b.signingKey().kid, 'both sign with the same kid')
  t.same(a.jwks(), b.jwks())
  t.equal(a.jwks().keys.length, 1, 'exactly one key was created')
  const stored = JSON.parse((await redis.get(`${prefix}auth:signing-keys`))!)
  t.equal(stored.keys.length, 1)
})

t.test('the private key is stored only as a keyring envelope and the JWKS never shows it', async (t) => {
  const { store, redis, prefix } = await redisStore(t)
  const signingKeys = await replica(t, store)
  const raw = (await redis.get(`${prefix}auth:signing-keys`))!
  t.notMatch(raw, /"d"\s*:/, 'no private JWK member in clear')
  const stored = JSON.parse(raw)
  t.equal(keyring.keyIdOf(stored.keys[0].privateJwk), 'k1', 'an envelope of the keyring')
  const [jwk] = signingKeys.jwks().keys
  t.same(Object.keys(jwk!).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'])
  t.equal(jwk!.kid, signingKeys.signingKey().kid, 'kid is the RFC 7638 thumbprint of the public key')
  const { calculateJwkThumbprint } = await import('jose')
  t.equal(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk!.x, y: jwk!.y }), jwk!.kid)
})

t.test(
  'rotation: published first, signs after the delay, old key kept until its tokens expired',
  async (t) => {
    const { store, redis, prefix } = await redisStore(t)
    const clock = manualClock()
    const one = await replica(t, store, { now: clock.now })
    const two = await replica(t, store, { now: clock.now })
    const issuer = createAccessTokenIssuer({ signingKeys: one, issuer: ISSUER, now: clock.now })
    const verifier = createAccessTokenVerifier({ signingKeys: two, issuer: ISSUER, now: clock.now })
    const mint = () =>
      issuer.mint({ sub: 'usr_a', clientId: 'mcp_a', scope: 'mcp', resource: RESOURCE, grantId: 'grt_a' })

    const oldKid = one.signingKey().kid
    const { kid: newKid, activatesAt } = await one.rotate()
    t.equal(activatesAt, clock.now() + 15 * MINUTE)
    t.same(
      one.jwks().keys.map((key) => key.kid),
      [oldKid, newKid],
      'both published during the overlap',
    )
    await until(() => two.jwks().keys.length === 2, 'the other replica to hear of the rotation')
    t.equal(one.signingKey().kid, oldKid, 'the new key does not sign before the propagation delay')

    clock.advance(15 * MINUTE - 1)
    const before = await mint()
    t.equal(decodeProtectedHeader(before.token).kid, oldKid, 'signed by the old key just before the switch')
    clock.advance(1)
    t.equal(one.signingKey().kid, newKid, 'after the delay the new key signs')
    t.equal(two.signingKey().kid, newKid, 'on every replica')
    clock.advance(5 * MINUTE)
    t.equal(
      (await verifier.verify(before.token, { audience: RESOURCE })).jti,
      before.jti,
      'a token signed before rotation still verifies',
    )
    t.equal((await verifier.verify((await mint()).token, { audience: RESOURCE })).sub, 'usr_a')

    clock.advance(7 * MINUTE - 1)
    t.same(
      one.jwks().keys.map((key) => key.kid),
      [oldKid, newKid],
      'old key kept for token TTL + refresh + skew',
    )
    clock.advance(1)
    t.same(
      one.jwks().keys.map((key) => key.kid),
      [newKid],
      'then it leaves the JWKS',
    )
    await one.refresh()
    const stored = JSON.parse((await redis.get(`${prefix}auth:signing-keys`))!)
    t.same(
      stored.keys.map((key: { kid: string }) => key.kid),
      [newKid],
      'and the shared set',
    )
  },
)

t.test(
  'a replica that recreates a key set Redis lost tells the others at once, not at their next poll',
  async (t) => {
    const { store, redis, prefix } = await redisStore(t)
    // Polling off: only the announcement can move the other replica.
    const one = await replica(t, store, { refreshIntervalMs: 0 })
    const two = await replica(t, store, { refreshIntervalMs: 0 })
    const lostKid = one.signingKey().kid
    await redis.del(`${prefix}auth:signing-keys`)
    await one.refresh()
    const newKid = one.signingKey().kid
    t.not(newKid, lostKid, 'a new key set was made')
    await until(() => two.signingKey().kid === newKid, 'the other replica to adopt the new set')
    t.same(
      two.jwks().keys.map((key) => key.kid),
      [newKid],
      'both publish and sign with the same key again',
    )
  },
)
