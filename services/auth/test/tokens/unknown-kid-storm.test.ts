// ATTACKS C25, our own verifier: tokens naming kids we never published must not turn into one key
// reload per request. An unknown kid reloads the shared set at most once per window
// (`unknownKidRefreshMs`) and is refused as `unknown_key` (RFC 6750 §3.1 invalid_token).
import { randomBytes, randomUUID } from 'node:crypto'
import type { Store } from '@m365mcp/store'
import { SignJWT, generateKeyPair } from 'jose'
import t from 'tap'
import type { Test } from 'tap'
import { createKeys } from '../../src/store/keys.js'
import { createAccessTokenIssuer } from '../../src/tokens/access-token.js'
import { createSigningKeys } from '../../src/tokens/signing-keys.js'
import { AccessTokenError, createAccessTokenVerifier } from '../../src/tokens/verify-access-token.js'
import { keyring, manualClock, redisStore } from './token-fixture.js'

const ISSUER = 'https://mcp.example.com'
const RESOURCE = 'https://mcp.example.com/mcp'
const keys = createKeys('auth:')

/** The store with its reads of the signing key set counted. */
function countingReads(store: Store) {
  const reads = { count: 0 }
  const counting: Store = {
    ...store,
    get: (key) => {
      if (key === keys.signingKeys()) reads.count++
      return store.get(key)
    },
  }
  return { reads, store: counting }
}

async function setUp(t: Test) {
  const { store } = await redisStore(t)
  const counted = countingReads(store)
  const clock = manualClock()
  const signingKeys = await createSigningKeys({
    store: counted.store,
    keys,
    keyring,
    now: clock.now,
    accessTokenTtlMs: 600_000,
    refreshIntervalMs: 0,
  })
  t.teardown(() => signingKeys.close())
  const verifier = createAccessTokenVerifier({
    signingKeys,
    issuer: ISSUER,
    now: clock.now,
    unknownKidRefreshMs: 5_000,
  })
  const issuer = createAccessTokenIssuer({ signingKeys, issuer: ISSUER, now: clock.now })
  // An attacker's key: well-formed ES256 tokens with the right claims, kids we never published.
  const attacker = await generateKeyPair('ES256')
  const forge = () => {
    const iat = Math.floor(clock.now() / 1000)
    return new SignJWT({ sub: 'usr_x', client_id: 'mcp_x', scope: 'mcp', gid: 'grt_x' })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: randomBytes(32).toString('base64url') })
      .setIssuer(ISSUER)
      .setAudience(RESOURCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .setJti(randomUUID())
      .sign(attacker.privateKey)
  }
  const storm = async (size: number) => {
    const tokens = await Promise.all(Array.from({ length: size }, forge))
    return Promise.allSettled(tokens.map((token) => verifier.verify(token, { audience: RESOURCE })))
  }
  return { reads: counted.reads, clock, verifier, issuer, storm }
}

const refusedAsUnknownKey = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' &&
  result.reason instanceof AccessTokenError &&
  result.reason.reason === 'unknown_key' &&
  result.reason.error === 'invalid_token'

t.test(
  'C25: 200 concurrent tokens with random unknown kids → one key reload per window, all refused as unknown_key',
  async (t) => {
    const { reads, clock, storm } = await setUp(t)
    const atStart = reads.count

    const first = await storm(200)
    t.ok(first.every(refusedAsUnknownKey), 'all 200 refused with invalid_token / unknown_key')
    t.equal(reads.count - atStart, 1, 'the storm caused exactly one reload of the key set')

    clock.advance(4_999)
    const second = await storm(200)
    t.ok(second.every(refusedAsUnknownKey))
    t.equal(reads.count - atStart, 1, 'a second storm inside the window reloads nothing')

    clock.advance(1)
    const third = await storm(200)
    t.ok(third.every(refusedAsUnknownKey))
    t.equal(reads.count - atStart, 2, 'the next window allows one more reload, no more')
  },
)

t.test('C25: tokens of our published keys keep verifying during the storm', async (t) => {
  const { reads, verifier, issuer, storm } = await setUp(t)
  const atStart = reads.count
  const legit = await issuer.mint({
    sub: 'usr_a',
    clientId: 'mcp_a',
    scope: 'mcp',
    resource: RESOURCE,
    grantId: 'grt_a',
  })
  const [storming, verified] = await Promise.all([
    storm(200),
    verifier.verify(legit.token, { audience: RESOURCE }),
  ])
  t.ok(storming.every(refusedAsUnknownKey))
  t.equal(verified.jti, legit.jti, 'the genuine token verified')
  t.ok(reads.count - atStart <= 1, 'still at most one reload')
})
