// Forged access tokens at the tools service (ATTACKS.md F.41, defence in depth behind the
// gateway): each is refused with 401 and an RFC 6750 §3 challenge pointing at the RFC 9728
// protected resource metadata, and nothing is served. The replica trusts a JWKS we control, so the
// forgeries can be signed with the real key but carry wrong claims (RFC 9068 §4, RFC 8725 §3).
import { exportSPKI, generateKeyPair } from 'jose'
import t, { type Test } from 'tap'
import { initialize, rawMcp } from '../transport/support/raw-mcp.js'
import { newSigningKey, startJwksServer } from './support/jwks-server.js'
import { mintAccessToken, nowSeconds, signCompact, unsecuredJwt, type MintOptions } from './support/mint.js'
import { startTrustingReplica } from './support/trusting-replica.js'

t.test('forged access tokens are refused at /mcp (ATTACKS F.41)', async (t) => {
  const ours = await newSigningKey()
  const jwks = await startJwksServer((fn) => t.teardown(fn), [ours])
  const replica = await startTrustingReplica((fn) => t.teardown(fn), jwks.url)
  const url = `${replica.url}/mcp`
  const base = { issuer: replica.issuer, audience: replica.resource('/mcp') }
  const mint = (options: Partial<MintOptions> = {}, key = ours) =>
    mintAccessToken(key, { ...base, ...options })
  const foreign = await newSigningKey(ours.kid)
  const attackerJwks = await startJwksServer((fn) => t.teardown(fn), [foreign])

  const refused = async (t: Test, token: string, what: string) => {
    const answer = await rawMcp(url, { token, body: initialize('2025-11-25') })
    t.equal(answer.status, 401, `${what}: 401`)
    const challenge = answer.headers.get('www-authenticate') ?? ''
    t.match(
      challenge,
      `Bearer resource_metadata="${replica.issuer}/.well-known/oauth-protected-resource/mcp"`,
      `${what}: challenge points at the protected resource metadata`,
    )
    t.match(challenge, 'error="invalid_token"', `${what}: invalid_token`)
    t.notOk(
      answer.messages.some((message) => 'result' in message),
      `${what}: nothing served`,
    )
  }

  await t.test('control: a well-formed token signed by our key is served', async (t) => {
    const answer = await rawMcp(url, { token: await mint(), body: initialize('2025-11-25') })
    t.equal(answer.status, 200)
    t.match(answer.messages[0], { result: { protocolVersion: '2025-11-25' } })
  })

  await t.test('alg "none", with and without a signature part (RFC 8725 §3.1)', async (t) => {
    const payload = JSON.parse(
      Buffer.from((await mint()).split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>
    const unsigned = unsecuredJwt({ alg: 'none', typ: 'at+jwt', kid: ours.kid }, payload)
    await refused(t, unsigned, 'alg none, empty signature')
    await refused(t, `${unsigned}AAAA`, 'alg none, junk signature')
  })

  await t.test('alg confusion: HS256 keyed with our public key bytes (RFC 8725 §2.1)', async (t) => {
    const pem = await exportSPKI(ours.publicKey)
    for (const secret of [pem, JSON.stringify(ours.publicJwk)]) {
      const token = await mint({ header: { alg: 'HS256' }, signWith: new TextEncoder().encode(secret) })
      await refused(t, token, 'HS256 with public key bytes')
    }
  })

  await t.test('signed by a foreign ES256 key that claims a kid from our JWKS', async (t) => {
    await refused(t, await mint({}, foreign), 'foreign key, our kid')
  })

  await t.test('kid path traversal and junk kids do not reach any file or URL', async (t) => {
    for (const kid of ['../../x', '../../../../etc/passwd', 'http://127.0.0.1/jwks.json', '']) {
      await refused(t, await mint({ header: { kid } }, foreign), `kid ${JSON.stringify(kid)}`)
    }
  })

  await t.test('jku and x5u pointing at an attacker key set are ignored (RFC 8725 §3.10)', async (t) => {
    const token = await mint(
      { header: { jku: attackerJwks.url, x5u: attackerJwks.url.replace('jwks.json', 'cert.pem') } },
      foreign,
    )
    await refused(t, token, 'jku/x5u to an attacker')
    t.equal(attackerJwks.fetches, 0, 'the attacker key set was never fetched')
    const signedByUs = await mint({ header: { jku: attackerJwks.url } })
    t.equal(
      (await rawMcp(url, { token: signedByUs, body: initialize('2025-11-25') })).status,
      200,
      'a jku header on a token we signed changes nothing',
    )
  })

  await t.test('an unknown critical header parameter (RFC 7515 §4.1.11)', async (t) => {
    const payload = claimsOf(await mint())
    const header = { alg: 'ES256', typ: 'at+jwt', kid: ours.kid, crit: ['urn:example:must-understand'] }
    const control = signCompact({ alg: 'ES256', typ: 'at+jwt', kid: ours.kid }, payload, ours)
    t.equal(
      (await rawMcp(url, { token: control, body: initialize('2025-11-25') })).status,
      200,
      'the hand-signed control is served',
    )
    await refused(
      t,
      signCompact({ ...header, 'urn:example:must-understand': true }, payload, ours),
      'unknown crit',
    )
  })

  await t.test('expiry claims: missing exp, expired, nbf in the future', async (t) => {
    const now = nowSeconds()
    await refused(t, await mint({ claims: { exp: undefined } }), 'missing exp')
    await refused(t, await mint({ claims: { iat: now - 7200, exp: now - 3600 } }), 'expired')
    await refused(t, await mint({ claims: { nbf: now + 3600 } }), 'nbf in the future')
  })

  await t.test('iat in the future (ATTACKS F.41)', async (t) => {
    await refused(t, await mint({ claims: { iat: nowSeconds() + 3600 } }), 'iat in the future')
  })

  await t.test('wrong issuer, wrong typ, wrong audience', async (t) => {
    await refused(t, await mint({ claims: { iss: 'https://evil.example' } }), 'wrong iss')
    await refused(t, await mint({ claims: { iss: `${replica.issuer}/` } }), 'iss with a trailing slash')
    await refused(t, await mint({ header: { typ: 'JWT' } }), 'typ JWT instead of at+jwt')
    await refused(t, await mint({ claims: { aud: replica.resource('/sse') } }), 'a token for /sse on /mcp')
    await refused(
      t,
      await mint({ claims: { aud: [replica.resource('/mcp'), 'https://other.example'] } }),
      'aud array',
    )
  })

  await t.test('missing product claims (sub, gid, client_id)', async (t) => {
    for (const claim of ['sub', 'gid', 'client_id'])
      await refused(t, await mint({ claims: { [claim]: undefined } }), `no ${claim}`)
  })

  await t.test('an ES384 or RS256 token, even with our kid', async (t) => {
    const { privateKey: es384 } = await generateKeyPair('ES384')
    await refused(t, await mint({ header: { alg: 'ES384' }, signWith: es384 }), 'ES384')
    const { privateKey: rs256 } = await generateKeyPair('RS256')
    await refused(t, await mint({ header: { alg: 'RS256' }, signWith: rs256 }), 'RS256')
  })
})

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>
}
