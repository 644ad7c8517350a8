// The tools service's JWKS cache (README "keys from the auth service's JWKS, cached and refetched
// at most once per 30 s for an unknown kid"; RFC 7517, RFC 8725 §3.10): a rotated key is picked up
// with one refetch, made-up kids cannot make it hammer the auth service, and a JWKS that cannot be
// fetched is a 503 the client may retry, not a 401 that would send every user to sign in again.
import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { initialize, rawMcp } from '../transport/support/raw-mcp.js'
import { newSigningKey, startJwksServer, type SigningKey } from './support/jwks-server.js'
import { mintAccessToken } from './support/mint.js'
import { startTrustingReplica, type TrustingReplica } from './support/trusting-replica.js'

// jose's refetch cooldown reads Date.now() and the verifier offers no clock for it, so the test moves
// that clock instead of waiting: past the 30 s cooldown, without sleeping.
const PAST_COOLDOWN_MS = 31_000

function skewDateNow(t: Test) {
  const real = Date.now.bind(Date)
  let offset = 0
  Date.now = () => real() + offset
  t.teardown(() => {
    Date.now = real
  })
  return (ms: number) => {
    offset += ms
  }
}

async function statusWith(replica: TrustingReplica, key: SigningKey): Promise<number> {
  const token = await mintAccessToken(key, { issuer: replica.issuer, audience: replica.resource('/mcp') })
  return (await rawMcp(`${replica.url}/mcp`, { token, body: initialize('2025-11-25') })).status
}

t.test('a key rotated into the JWKS is accepted after exactly one refetch', async (t) => {
  const advance = skewDateNow(t)
  const first = await newSigningKey()
  const jwks = await startJwksServer((fn) => t.teardown(fn), [first])
  const replica = await startTrustingReplica((fn) => t.teardown(fn), jwks.url)

  t.equal(await statusWith(replica, first), 200)
  t.equal(await statusWith(replica, first), 200)
  t.equal(jwks.fetches, 1, 'the key set is fetched once and cached')

  const rotated = await newSigningKey()
  jwks.publish([rotated, first])
  advance(PAST_COOLDOWN_MS)
  t.equal(await statusWith(replica, rotated), 200, 'a token with the new kid is accepted')
  t.equal(jwks.fetches, 2, 'after one refetch')
  t.equal(await statusWith(replica, rotated), 200)
  t.equal(await statusWith(replica, first), 200, 'the old key still verifies while it is published')
  t.equal(jwks.fetches, 2, 'and nothing more is fetched')
})

t.test('50 tokens with made-up kids cause at most one JWKS fetch (refetch cooldown)', async (t) => {
  const advance = skewDateNow(t)
  const ours = await newSigningKey()
  const jwks = await startJwksServer((fn) => t.teardown(fn), [ours])
  const replica = await startTrustingReplica((fn) => t.teardown(fn), jwks.url)
  t.equal(await statusWith(replica, ours), 200)
  advance(PAST_COOLDOWN_MS)
  const before = jwks.fetches

  const forgers = await Promise.all(Array.from({ length: 50 }, () => newSigningKey(randomUUID())))
  const statuses = await Promise.all(forgers.map((key) => statusWith(replica, key)))
  t.same(new Set(statuses), new Set([401]), 'every unknown kid is refused')
  t.ok(jwks.fetches - before <= 1, `at most one extra fetch (saw ${jwks.fetches - before})`)

  const more = await Promise.all(Array.from({ length: 10 }, () => newSigningKey(randomUUID())))
  for (const key of more) t.equal(await statusWith(replica, key), 401)
  t.ok(jwks.fetches - before <= 1, 'still within the cooldown: no further fetch')
  t.equal(await statusWith(replica, ours), 200, 'known keys keep working')
})

t.test('JWKS unreachable: 503 temporarily_unavailable with Retry-After, then recovery', async (t) => {
  const ours = await newSigningKey()
  const jwks = await startJwksServer((fn) => t.teardown(fn), [ours])
  const replica = await startTrustingReplica((fn) => t.teardown(fn), jwks.url)
  await jwks.stop()

  const token = await mintAccessToken(ours, { issuer: replica.issuer, audience: replica.resource('/mcp') })
  const down = await rawMcp(`${replica.url}/mcp`, { token, body: initialize('2025-11-25') })
  t.equal(down.status, 503, 'not a 401: the key server failed, not the token')
  t.match(down.headers.get('retry-after'), /^\d+$/, 'with Retry-After (RFC 9110 §10.2.3)')
  t.match(JSON.parse(down.text), { error: 'temporarily_unavailable' })
  t.notOk(
    down.messages.some((message) => 'result' in message),
    'nothing served',
  )
  t.equal((await fetch(`${replica.url}/healthz`)).status, 200, 'the replica itself is fine')

  await jwks.start()
  t.equal(await statusWith(replica, ours), 200, 'served as soon as the JWKS answers again')
  t.equal(jwks.fetches, 1)

  await jwks.stop()
  t.equal(await statusWith(replica, ours), 200, 'cached keys keep serving while the JWKS is down')
})
