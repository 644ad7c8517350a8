import { createPublicKey } from 'node:crypto'
import { SignJWT, UnsecuredJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose'
import t from 'tap'
import { createKeys } from '../../src/store/keys.js'
import { createAccessTokenIssuer } from '../../src/tokens/access-token.js'
import { createSigningKeys } from '../../src/tokens/signing-keys.js'
import { createAccessTokenVerifier } from '../../src/tokens/verify-access-token.js'
import { keyring, manualClock, memoryStore } from './token-fixture.js'

const ISSUER = 'https://mcp.example.com'
const RESOURCE = 'https://mcp.example.com/mcp'
const clock = manualClock()
const store = memoryStore(t, clock.now)
const signingKeys = await createSigningKeys({
  store,
  keys: createKeys('auth:'),
  keyring,
  accessTokenTtlMs: 600_000,
  now: clock.now,
})
t.teardown(() => signingKeys.close())
const issuer = createAccessTokenIssuer({ signingKeys, issuer: ISSUER, now: clock.now })
const verifier = createAccessTokenVerifier({ signingKeys, issuer: ISSUER, now: clock.now })
const input = {
  sub: 'usr_abc',
  clientId: 'mcp_client',
  scope: 'mcp:tools',
  resource: RESOURCE,
  grantId: 'grt_1',
}
const refused = (reason: string) => ({ name: 'AccessTokenError', error: 'invalid_token', reason })

/** A token with our claims, signed however the attacker likes. */
function forged(claims: Record<string, unknown> = {}) {
  const now = Math.floor(clock.now() / 1000)
  return new SignJWT({ client_id: 'mcp_client', scope: 'mcp:tools', gid: 'grt_1', ...claims })
    .setIssuer(ISSUER)
    .setAudience(RESOURCE)
    .setSubject('usr_abc')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .setJti('j1')
}

t.test('RFC 9068: minted tokens carry at+jwt, ES256, kid and the claims of the grant', async (t) => {
  const minted = await issuer.mint({ ...input, extra: { tid: 'tenant-1', roles: ['Reader'], groups: [] } })
  t.same(decodeProtectedHeader(minted.token), {
    alg: 'ES256',
    typ: 'at+jwt',
    kid: signingKeys.signingKey().kid,
  })
  const claims = await verifier.verify(minted.token, { audience: RESOURCE })
  t.match(claims, {
    iss: ISSUER,
    aud: RESOURCE,
    sub: 'usr_abc',
    client_id: 'mcp_client',
    scope: 'mcp:tools',
    gid: 'grt_1',
    tid: 'tenant-1',
    roles: ['Reader'],
  })
  t.equal(claims.exp - claims.iat, 600, 'default lifetime 10 minutes')
  t.equal(minted.expiresIn, 600)
  t.match(claims.jti, /^[A-Za-z0-9_-]{22}$/)
  t.not((await issuer.mint(input)).jti, claims.jti, 'jti is random per token')
})

t.test('extra claims can never shadow a claim with a meaning here', async (t) => {
  for (const name of [
    'sub',
    'aud',
    'iss',
    'exp',
    'client_id',
    'scope',
    'gid',
    'cnf',
    'Tid',
    '__proto__',
    'a-b',
  ]) {
    await t.rejects(issuer.mint({ ...input, extra: { [name]: 'x' } }), TypeError, name)
  }
  await t.rejects(
    issuer.mint({ ...input, extra: { roles: [{}] } as never }),
    TypeError,
    'values are strings, numbers, booleans or string[]',
  )
  await t.rejects(issuer.mint({ ...input, resource: 'not a uri' }), TypeError)
  t.throws(
    () => createAccessTokenIssuer({ signingKeys, issuer: 'https://mcp.example.com/' }),
    TypeError,
    'issuer is an origin',
  )
})

t.test('F41/C22: alg none is refused', async (t) => {
  const token = new UnsecuredJWT({ client_id: 'mcp_client', scope: 'mcp:tools', gid: 'grt_1' })
    .setIssuer(ISSUER)
    .setAudience(RESOURCE)
    .setSubject('usr_abc')
    .setIssuedAt()
    .setExpirationTime('10m')
    .encode()
  await t.rejects(verifier.verify(token, { audience: RESOURCE }), {
    name: 'AccessTokenError',
    error: 'invalid_token',
  })
})

t.test('F41/C22: HS256 signed with our public key as the secret is refused', async (t) => {
  const jwk = signingKeys.jwks().keys[0]!
  const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' })
  for (const secret of [pem, JSON.stringify(jwk)]) {
    const token = await forged()
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid })
      .sign(new TextEncoder().encode(String(secret)))
    await t.rejects(verifier.verify(token, { audience: RESOURCE }), {
      name: 'AccessTokenError',
      error: 'invalid_token',
    })
  }
})

t.test('F41: a token signed by a foreign ES256 key under our kid fails the signature', async (t) => {
  const { privateKey } = await generateKeyPair('ES256')
  const token = await forged()
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: signingKeys.signingKey().kid })
    .sign(privateKey)
  await t.rejects(verifier.verify(token, { audience: RESOURCE }), refused('signature'))
})

t.test('F41: typ other than at+jwt, missing kid or unknown kid is refused (RFC 9068 §4)', async (t) => {
  const { kid, privateKey } = signingKeys.signingKey()
  for (const header of [
    { alg: 'ES256', typ: 'JWT', kid },
    { alg: 'ES256', kid },
    { alg: 'ES256', typ: 'application/at+jwt+x', kid },
  ]) {
    const token = await forged().setProtectedHeader(header).sign(privateKey)
    await t.rejects(
      verifier.verify(token, { audience: RESOURCE }),
      { name: 'AccessTokenError', error: 'invalid_token' },
      JSON.stringify(header),
    )
  }
  const noKid = await forged().setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' }).sign(privateKey)
  await t.rejects(verifier.verify(noKid, { audience: RESOURCE }), refused('malformed'))
  const unknown = await forged()
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'A'.repeat(43) })
    .sign(privateKey)
  await t.rejects(verifier.verify(unknown, { audience: RESOURCE }), refused('unknown_key'))
  const sane = await forged().setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid }).sign(privateKey)
  t.ok(await verifier.verify(sane, { audience: RESOURCE }), 'the same token with a correct header verifies')
})

t.test('F40/A9: aud must equal the resource exactly; iss must equal the issuer', async (t) => {
  const minted = await issuer.mint(input)
  for (const audience of [
    'https://mcp.example.com/sse',
    'https://mcp.example.com/mcp/',
    'https://mcp.example.com',
  ]) {
    await t.rejects(verifier.verify(minted.token, { audience }), refused('claims'), audience)
  }
  const { kid, privateKey } = signingKeys.signingKey()
  const header = { alg: 'ES256', typ: 'at+jwt', kid }
  const multi = await forged()
    .setAudience([RESOURCE, 'https://other.example'])
    .setProtectedHeader(header)
    .sign(privateKey)
  await t.rejects(
    verifier.verify(multi, { audience: RESOURCE }),
    refused('claims'),
    'an aud array is not exact',
  )
  const foreign = await forged().setIssuer('https://evil.example').setProtectedHeader(header).sign(privateKey)
  await t.rejects(verifier.verify(foreign, { audience: RESOURCE }), refused('claims'))
  const noGid = await forged({ gid: undefined }).setProtectedHeader(header).sign(privateKey)
  await t.rejects(verifier.verify(noGid, { audience: RESOURCE }), refused('claims'), 'gid is required')
})

t.test('an expired token is refused (after the clock tolerance)', async (t) => {
  const minted = await issuer.mint(input)
  t.equal(decodeJwt(minted.token).exp, Math.floor(clock.now() / 1000) + 600)
  clock.advance(600_000 + 29_000)
  t.ok(await verifier.verify(minted.token, { audience: RESOURCE }), 'inside the 30 s tolerance')
  clock.advance(2_000)
  await t.rejects(verifier.verify(minted.token, { audience: RESOURCE }), refused('expired'))
})

t.test('an unknown kid reloads the key set once, rate limited', async (t) => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const fresh = { ...(await exportJWK(publicKey)), kid: 'B'.repeat(43), alg: 'ES256', use: 'sig' } as never
  let loaded = false
  let reloads = 0
  const replica = createAccessTokenVerifier({
    signingKeys: {
      jwks: () => ({ keys: loaded ? [fresh] : [] }),
      refresh: async () => void ((loaded = true), reloads++),
    },
    issuer: ISSUER,
    now: clock.now,
  })
  const token = await forged()
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'B'.repeat(43) })
    .sign(privateKey)
  t.ok(await replica.verify(token, { audience: RESOURCE }), 'verifies after one reload')
  const other = await forged()
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'C'.repeat(43) })
    .sign(privateKey)
  await t.rejects(replica.verify(other, { audience: RESOURCE }), refused('unknown_key'))
  await t.rejects(replica.verify(other, { audience: RESOURCE }), refused('unknown_key'))
  t.equal(reloads, 1, 'no reload storm from unknown kids (C25)')
})
