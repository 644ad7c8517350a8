import type { FastifyInstance } from 'fastify'
import { base64url, generateKeyPair, importJWK, SignJWT } from 'jose'
import type { JWTPayload } from 'jose'
import t from 'tap'
import type { Test } from 'tap'
import { GRAPH_APP_ID } from '../../src/graph/auth.js'
import { TOKEN_ONLY } from '../../src/graph/request-context.js'
import { buildTestGraphApp, IDENTITY_ORIGIN, startGraph } from './helpers.js'

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

// Fail closed: every route, whatever its permission, refuses a request without a valid Graph token.
const messageId = h.seed.messagesByUser.get(priya.id)?.[0]?.id
const eventId = h.seed.eventsByUser.get(priya.id)?.[0]?.id
const driveItemId = h.seed.driveItemsByUser.get(priya.id)?.find((i) => !i.root)?.id
if (!messageId || !eventId || !driveItemId) throw new Error('seed has no message, event or drive item')
const otherUser = h.seed.users.find((u) => u.tenantId === priya.tenantId && u.id !== priya.id)?.id as string
/** A concrete value per route parameter; a route with a parameter missing here fails the test. */
const PARAMS: Record<string, string> = {
  id: '',
  itemId: driveItemId,
  folderId: 'inbox',
  fn: "search(q='plan')",
}
const byRoute: Record<string, string> = {
  '/v1.0/users/:id': otherUser,
  '/v1.0/users/:id/manager': otherUser,
  '/v1.0/users/:id/directReports': otherUser,
  '/v1.0/me/messages/:id': messageId,
  '/v1.0/me/events/:id': eventId,
}

function concretePath(url: string): string | undefined {
  let missing = false
  const path = url.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = name === 'id' ? byRoute[url] : PARAMS[name]
    if (!value) missing = true
    return encodeURIComponent(value ?? '')
      .replace(/%27/g, "'")
      .replace(/%28/g, '(')
      .replace(/%29/g, ')')
  })
  return missing ? undefined : path.replace(/^\/v1\.0/, '')
}

t.test('the route table: every Graph route is under /v1.0 and was seen by onRoute', async (t) => {
  const urls = new Set(h.routes.map((r) => `${r.method} ${r.url}`))
  for (const expected of [
    'GET /v1.0/me',
    'HEAD /v1.0/me',
    'POST /v1.0/$batch',
    'GET /v1.0/me/messages/:id',
  ]) {
    t.ok(urls.has(expected), expected)
  }
  t.ok(h.routes.length >= 40, `${h.routes.length} routes`)
  for (const route of h.routes) t.match(route.url, /^\/v1\.0\//, `${route.method} ${route.url}`)
})

t.test(
  'every route, every method: no token → 401 InvalidAuthenticationToken with Graph’s error body',
  async (t) => {
    for (const route of h.routes) {
      const path = concretePath(route.url)
      const name = `${route.method} ${route.url}`
      if (!path) {
        t.fail(`${name}: no concrete value for its parameters in this test`)
        continue
      }
      const body = route.method === 'POST' ? {} : undefined
      const res = await h.call(route.method, path, undefined, body)
      t.equal(res.status, 401, name)
      t.match(res.headers.get('www-authenticate'), /^Bearer realm="", authorization_uri="/, name)
      t.ok(res.headers.get('request-id'), name)
      if (route.method === 'HEAD') {
        t.equal(res.text, '', `${name}: HEAD has no body`)
        continue
      }
      t.same(Object.keys(res.json ?? {}), ['error'], name)
      t.equal(res.json?.error?.code, 'InvalidAuthenticationToken', name)
      t.equal(res.json?.error?.message, 'Access token is empty.', name)
      t.equal(res.json?.error?.innerError?.['request-id'], res.headers.get('request-id'), name)
      t.equal(res.json?.error?.innerError?.['client-request-id'], res.headers.get('client-request-id'), name)
      t.type(res.json?.error?.innerError?.date, 'string', name)
    }
  },
)

t.test('every route, every method: a token for another audience → 401 "Invalid audience"', async (t) => {
  const token = await h.token(priya, { aud: 'api://another-resource' })
  for (const route of h.routes) {
    const path = concretePath(route.url)
    if (!path) continue // reported by the test above
    const name = `${route.method} ${route.url}`
    const res = await h.call(route.method, path, token, route.method === 'POST' ? {} : undefined)
    t.equal(res.status, 401, name)
    if (route.method !== 'HEAD') {
      t.equal(res.json?.error?.code, 'InvalidAuthenticationToken', name)
      t.match(res.json?.error?.message, /Invalid audience/, name)
    }
  }
})

t.test(
  'the concrete paths reach their routes: with a valid token none is a 401 or a routing error',
  async (t) => {
    const token = await h.token(priya)
    for (const route of h.routes) {
      const path = concretePath(route.url)
      if (!path || route.method === 'HEAD') continue
      const name = `${route.method} ${route.url}`
      const res = await h.call(route.method, path, token, route.method === 'POST' ? {} : undefined)
      t.not(res.status, 401, name)
      t.not(
        res.json?.error?.message ?? '',
        /^Resource not found for the segment|^Specified HTTP method/,
        name,
      )
    }
  },
)

/** A Graph app with one more route plugin under /v1.0 (a callback plugin, like the app's own). */
function withRoutes(routes: (app: FastifyInstance) => void) {
  return buildTestGraphApp({
    setup: (app) =>
      void app.register(
        (child, _opts, done) => {
          routes(child)
          done()
        },
        { prefix: '/v1.0' },
      ),
  })
}

t.test('a Graph route registered without a usable access rule stops the app from starting', async (t) => {
  const unmarked = await withRoutes((app) => {
    app.get('/me/unguarded', () => ({ open: true }))
    app.post('/me/thing', { config: { permission: 'User.Read' as never } }, () => ({}))
  })
  const err = await unmarked.listen({ port: 0, host: '127.0.0.1' }).catch((e: unknown) => e)
  t.ok(err instanceof Error, 'listen rejects')
  t.match((err as Error).message, /^Graph routes without a usable access rule: /)
  t.match((err as Error).message, 'GET /v1.0/me/unguarded has no access rule')
  t.match((err as Error).message, 'HEAD /v1.0/me/unguarded has no access rule')
  t.match((err as Error).message, 'POST /v1.0/me/thing has an unknown access rule "User.Read"')
  t.match((err as Error).message, /Set config\.permission to a permission of permissions\.ts/)
  t.notOk(unmarked.server.listening, 'nothing is served')
  await unmarked.close().catch(() => undefined)

  const marked = await withRoutes((app) => {
    app.get('/me/tokenOnly', { config: { permission: TOKEN_ONLY } }, () => ({}))
    app.get('/me/mailish', { config: { permission: 'mailRead' } }, () => ({}))
  })
  await marked.ready()
  t.pass('routes with a permission or TOKEN_ONLY register')
  const res = await marked.inject({ method: 'GET', url: '/v1.0/me/tokenOnly' })
  t.equal(res.statusCode, 401, 'and a TOKEN_ONLY route still wants a token')
  await marked.close()
})
