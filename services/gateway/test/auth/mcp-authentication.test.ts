// Token checks at the gateway, before any byte reaches a tools replica: 401 challenges pointing at
// the resource's metadata (RFC 6750 §3, RFC 9728 §5.1), 403 insufficient_scope for a token without
// `mcp` (RFC 6750 §3.1), and ATTACKS F40: a token for /sse used on /mcp, and Entra-shaped tokens
// (no passthrough), are refused.
import t from 'tap'
import type { TeardownHost } from '../support/teardown.js'
import { startEchoUpstream } from '../support/echo-upstream.js'
import { startGateway } from '../support/gateway.js'
import { startTokenMinter } from '../support/token-minter.js'

const PUBLIC_URL = 'http://localhost:8788'
const META = (path: string) => `resource_metadata="${PUBLIC_URL}/.well-known/oauth-protected-resource${path}"`

async function setUp(t: TeardownHost) {
  const teardown = (fn: () => Promise<void> | void) => t.teardown(fn)
  const tools = await startEchoUpstream(teardown, 'a')
  const minter = await startTokenMinter(teardown, PUBLIC_URL)
  const gw = await startGateway(teardown, {
    PUBLIC_URL,
    TOOLS_UPSTREAMS: tools.url,
    AUTH_UPSTREAM: 'http://127.0.0.1:1',
    AUTH_JWKS_URL: minter.jwksUrl,
  })
  const call = (path: string, authorization?: string, method = path === '/sse' ? 'GET' : 'POST') =>
    fetch(`${gw.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(authorization ? { authorization } : {}),
      },
      ...(method === 'POST' ? { body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' } : {}),
    })
  return { tools, minter, gw, call }
}

t.test(
  'bearer: no token → 401 with resource_metadata and scope, no error code (RFC 6750 §3.1)',
  async (t) => {
    const { tools, call } = await setUp(t)
    for (const [path, resource] of [
      ['/mcp', '/mcp'],
      ['/sse', '/sse'],
      ['/messages?sessionId=x', '/sse'],
    ] as const) {
      const res = await call(path)
      t.equal(res.status, 401, `${path} → 401`)
      t.equal(res.headers.get('www-authenticate'), `Bearer ${META(resource)}, scope="mcp"`)
      t.equal(res.headers.get('cache-control'), 'no-store')
      await res.body?.cancel()
    }
    t.equal(tools.seen.length, 0, 'nothing reached the tools replica')
  },
)

t.test('bearer: a malformed or forged token → 401 error="invalid_token"', async (t) => {
  const { tools, call } = await setUp(t)
  for (const authorization of ['Bearer not.a.jwt', 'Basic dXNlcjpwYXNz', 'Bearer', 'bearer a.b.c']) {
    const res = await call('/mcp', authorization)
    t.equal(res.status, 401, authorization)
    t.match(
      res.headers.get('www-authenticate'),
      new RegExp(`^Bearer ${META('/mcp')}, scope="mcp", error="invalid_token"`),
    )
    t.match(await res.json(), { error: 'invalid_token' })
  }
  t.equal(tools.seen.length, 0)
})

t.test('bearer: a valid token without scope mcp → 403 insufficient_scope naming the scope', async (t) => {
  const { tools, minter, call } = await setUp(t)
  const token = await minter.mint({ resource: `${PUBLIC_URL}/mcp`, scope: 'profile' })
  const res = await call('/mcp', `Bearer ${token}`)
  t.equal(res.status, 403)
  const challenge = res.headers.get('www-authenticate') ?? ''
  t.match(challenge, /^Bearer error="insufficient_scope", scope="mcp", /)
  t.match(challenge, META('/mcp'))
  t.match(await res.json(), { error: 'insufficient_scope' })
  t.equal(tools.seen.length, 0)
})

t.test('F40: a token for /sse is refused on /mcp and the reverse (RFC 8707 audience)', async (t) => {
  const { tools, minter, call } = await setUp(t)
  const sse = await minter.mint({ resource: `${PUBLIC_URL}/sse` })
  const mcp = await minter.mint({ resource: `${PUBLIC_URL}/mcp` })
  const wrong = await call('/mcp', `Bearer ${sse}`)
  t.equal(wrong.status, 401)
  t.match(wrong.headers.get('www-authenticate'), /error="invalid_token"/)
  const wrongBack = await call('/sse', `Bearer ${mcp}`)
  t.equal(wrongBack.status, 401)
  await wrongBack.body?.cancel()
  t.equal(tools.seen.length, 0)

  const right = await call('/mcp', `Bearer ${mcp}`)
  t.equal(right.status, 200, 'the same key and claims pass for the right resource')
  t.match(await right.json(), { result: { upstream: 'a' } })
  t.equal(tools.seen[0]?.headers.authorization, `Bearer ${mcp}`, 'the token travels on (defence in depth)')
})

t.test('F40: Entra-shaped tokens are never accepted, even signed by a trusted key', async (t) => {
  const { tools, minter, call } = await setUp(t)
  const entraIssuer = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0'
  const graphToken = await minter.mint({
    resource: '00000003-0000-0000-c000-000000000000',
    issuer: entraIssuer,
    typ: 'JWT',
    claims: { scp: 'User.Read', tid: '72f988bf-86f1-41af-91ab-2d7cd011db47', oid: 'x' },
  })
  const ourAudienceEntraType = await minter.mint({ resource: `${PUBLIC_URL}/mcp`, typ: 'JWT' })
  const entraIssuedForUs = await minter.mint({ resource: `${PUBLIC_URL}/mcp`, issuer: entraIssuer })
  for (const [label, token] of [
    ['Graph token', graphToken],
    ['typ JWT instead of at+jwt', ourAudienceEntraType],
    ['Entra issuer', entraIssuedForUs],
  ] as const) {
    const res = await call('/mcp', `Bearer ${token}`)
    t.equal(res.status, 401, label)
    await res.body?.cancel()
  }
  const expired = await minter.mint({ resource: `${PUBLIC_URL}/mcp`, expiresIn: '-5m' })
  t.equal((await call('/mcp', `Bearer ${expired}`)).status, 401, 'expired')
  t.equal(tools.seen.length, 0)
})

t.test('bearer: OPTIONS preflight needs no token (Fetch §4.8)', async (t) => {
  const { tools, call } = await setUp(t)
  const res = await call('/mcp', undefined, 'OPTIONS')
  t.equal(res.status, 204)
  t.equal(tools.seen.length, 0)
})

t.test(
  'F41: JWT fuzz (alg none, future nbf, wrong typ/iss, huge token) → 401 pointing at the metadata',
  async (t) => {
    const { tools, minter, call } = await setUp(t)
    const resource = `${PUBLIC_URL}/mcp`
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: PUBLIC_URL,
      aud: resource,
      sub: 'usr_x',
      client_id: 'c',
      scope: 'mcp',
      gid: 'g',
      iat: now,
      exp: now + 300,
    }
    const valid = await minter.mint({ resource })
    const [, , signature] = valid.split('.')
    const cases: [string, string][] = [
      ['alg none', `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.`],
      ['alg none, signature kept', `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64(claims)}.${signature}`],
      [
        'HS256 with the public key id',
        `${b64({ alg: 'HS256', typ: 'at+jwt', kid: 'test-key' })}.${b64(claims)}.${signature}`,
      ],
      [
        'kid path traversal',
        `${b64({ alg: 'ES256', typ: 'at+jwt', kid: '../../etc/passwd' })}.${b64(claims)}.${signature}`,
      ],
      [
        'jku to a foreign key set',
        `${b64({ alg: 'ES256', typ: 'at+jwt', kid: 'x', jku: 'https://evil.example/jwks' })}.${b64(claims)}.${signature}`,
      ],
      [
        'payload swapped under a valid signature',
        `${valid.split('.')[0]}.${b64({ ...claims, sub: 'usr_admin' })}.${signature}`,
      ],
      ['future nbf', await minter.mint({ resource, claims: { nbf: now + 3600 } })],
      ['wrong issuer', await minter.mint({ resource, issuer: 'https://evil.example' })],
      ['huge token', `${'a'.repeat(9000)}.${'b'.repeat(10)}.${'c'.repeat(10)}`],
    ]
    for (const [label, token] of cases) {
      const res = await call('/mcp', `Bearer ${token}`)
      t.equal(res.status, 401, label)
      t.match(res.headers.get('www-authenticate'), META('/mcp'), `${label}: challenge points at the metadata`)
      await res.body?.cancel()
    }
    t.equal(tools.seen.length, 0)
  },
)
