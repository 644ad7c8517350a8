import { base64url, generateKeyPair, importJWK, SignJWT } from 'jose'
import type { JWTPayload } from 'jose'
import t from 'tap'
import type { Test } from 'tap'
import { GRAPH_APP_ID } from '../../src/graph/auth.js'
import { IDENTITY_ORIGIN, startGraph } from './helpers.js'

const h = await startGraph()
t.teardown(() => h.close())
const priya = h.seed.demoUsers[0]
if (!priya) throw new Error('seed has no demo user')
const otherTenant = h.seed.tenants.find((x) => x.id !== priya.tenantId)?.id as string

function expect401(t: Test, res: Awaited<ReturnType<typeof h.get>>, message: RegExp) {
  t.equal(res.status, 401)
  t.equal(res.json.error.code, 'InvalidAuthenticationToken')
  t.match(res.json.error.message, message)
  t.match(
    res.headers.get('www-authenticate'),
    /^Bearer realm="", authorization_uri="http:\/\/localhost:8790\/common\/oauth2\/authorize", client_id="00000003-0000-0000-c000-000000000000"$/,
  )
  t.ok(res.json.error.innerError['request-id'])
}

t.test('a valid token for the Graph audience (URI or app id) is accepted', async (t) => {
  t.equal((await h.get('/me', await h.token(priya))).status, 200)
  t.equal((await h.get('/me', await h.token(priya, { aud: GRAPH_APP_ID }))).status, 200)
})

t.test('no token → 401 InvalidAuthenticationToken "Access token is empty."', async (t) => {
  const res = await h.get('/me', undefined as unknown as string)
  expect401(t, res, /^Access token is empty\.$/)
  const basic = await h.get('/me', undefined as unknown as string, { authorization: 'Basic Zm9vOmJhcg==' })
  expect401(t, basic, /empty/)
})

t.test('a token signed with another tenant’s key → 401', async (t) => {
  const claims = JSON.parse(
    Buffer.from((await h.token(priya)).split('.')[1] as string, 'base64url').toString(),
  ) as JWTPayload
  const otherKey = await importJWK(h.keys.privateJwk(otherTenant), 'RS256')
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: h.keys.privateJwk(priya.tenantId).kid, typ: 'JWT' })
    .sign(otherKey)
  expect401(t, await h.get('/me', token), /validation failure/)
})

t.test('a token signed by an unknown key → 401', async (t) => {
  const { privateKey } = await generateKeyPair('RS256')
  const iat = Math.floor(h.clock.now / 1000)
  const token = await new SignJWT({ oid: priya.id, tid: priya.tenantId, scp: 'User.Read' })
    .setProtectedHeader({ alg: 'RS256', kid: h.keys.privateJwk(priya.tenantId).kid, typ: 'JWT' })
    .setIssuer(`${IDENTITY_ORIGIN}/${priya.tenantId}/v2.0`)
    .setAudience('https://graph.microsoft.com')
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .sign(privateKey)
  expect401(t, await h.get('/me', token), /validation failure/)
})

t.test('wrong audience → 401 "Invalid audience"', async (t) => {
  expect401(t, await h.get('/me', await h.token(priya, { aud: 'api://something-else' })), /Invalid audience/)
})

t.test('wrong issuer (other tenant path, other origin) → 401', async (t) => {
  expect401(
    t,
    await h.get('/me', await h.token(priya, { iss: `${IDENTITY_ORIGIN}/${otherTenant}/v2.0` })),
    /Invalid issuer/,
  )
  expect401(
    t,
    await h.get(
      '/me',
      await h.token(priya, { iss: `https://login.microsoftonline.com/${priya.tenantId}/v2.0` }),
    ),
    /Invalid issuer/,
  )
})

t.test(
  'expired token → 401 "Lifetime validation failed, the token is expired." (beyond the 5 minute skew)',
  async (t) => {
    const iat = Math.floor(h.clock.now / 1000) - 7200
    expect401(
      t,
      await h.get('/me', await h.token(priya, { iat, nbf: iat, exp: iat + 3600 })),
      /^Lifetime validation failed, the token is expired\.$/,
    )
    const justExpired = Math.floor(h.clock.now / 1000) - 60
    t.equal((await h.get('/me', await h.token(priya, { exp: justExpired }))).status, 200, 'within clock skew')
  },
)

t.test('the injected clock decides expiry', async (t) => {
  const token = await h.token(priya)
  t.equal((await h.get('/me', token)).status, 200)
  h.clock.now += 2 * 3600 * 1000
  t.teardown(() => {
    h.clock.now -= 2 * 3600 * 1000
  })
  expect401(t, await h.get('/me', token), /expired/)
})

t.test('not yet valid (nbf in the future) → 401', async (t) => {
  const nbf = Math.floor(h.clock.now / 1000) + 3600
  expect401(t, await h.get('/me', await h.token(priya, { nbf })), /not yet valid/)
})

t.test('alg none → 401', async (t) => {
  const valid = await h.token(priya)
  const [, payload] = valid.split('.')
  const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))
  expect401(t, await h.get('/me', `${header}.${payload}.`), /validation failure|not well formed/)
})

t.test('HS256 signed with the public key as secret → 401', async (t) => {
  const valid = await h.token(priya)
  const claims = JSON.parse(Buffer.from(valid.split('.')[1] as string, 'base64url').toString()) as Record<
    string,
    unknown
  >
  const secret = new TextEncoder().encode(JSON.stringify(h.keys.publicJwks(priya.tenantId)))
  const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret)
  expect401(t, await h.get('/me', token), /validation failure/)
})

t.test('garbage → 401 "not well formed"; unknown tenant → 401', async (t) => {
  expect401(t, await h.get('/me', 'not-a-jwt'), /not well formed/)
  expect401(
    t,
    await h.get('/me', await h.token(priya, { tid: '11111111-1111-1111-1111-111111111111' })),
    /Invalid issuer/,
  )
})

t.test('a token whose oid is not a user of its tenant → 401', async (t) => {
  expect401(
    t,
    await h.get('/me', await h.token(priya, { oid: '22222222-2222-2222-2222-222222222222' })),
    /does not exist/,
  )
})

t.test('a token with neither scp nor roles → 401 like Graph', async (t) => {
  expect401(t, await h.get('/me', await h.token(priya, { scp: undefined })), /scp or roles/)
})
