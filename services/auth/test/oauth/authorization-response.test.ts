import t from 'tap'
import { authorizationErrorUrl, authorizationSuccessUrl } from '../../src/oauth/authorization-response.js'
import { AuthorizeRedirectError, type ValidatedRedirect } from '../../src/oauth/errors.js'
import { createRedirectUriPolicy } from '../../src/oauth/redirect-uri.js'

const policy = createRedirectUriPolicy()
const ISSUER = 'https://mcp.example.com'
const validated = (uri: string) => policy.resolve(uri, [uri])

t.test('A10: a success response carries code, state and iss (RFC 9207 §2)', async (t) => {
  const url = authorizationSuccessUrl({
    redirect: validated('https://client.example/cb'),
    code: 'c0de',
    state: 's1',
    issuer: ISSUER,
  })
  t.equal(url, 'https://client.example/cb?code=c0de&state=s1&iss=https%3A%2F%2Fmcp.example.com')
  const params = new URL(url).searchParams
  t.equal(params.get('iss'), ISSUER)
})

t.test('A10: an error response carries error, error_description, state and iss', async (t) => {
  const error = new AuthorizeRedirectError(
    validated('https://client.example/cb'),
    's1',
    'access_denied',
    'the user denied access',
  )
  const params = new URL(authorizationErrorUrl(error, ISSUER)).searchParams
  t.same(Object.fromEntries(params), {
    error: 'access_denied',
    error_description: 'the user denied access',
    state: 's1',
    iss: ISSUER,
  })
})

t.test(
  'authorization response: state is omitted exactly when the request had none (RFC 6749 §4.1.2)',
  async (t) => {
    const url = authorizationSuccessUrl({
      redirect: validated('https://client.example/cb'),
      code: 'c',
      state: undefined,
      issuer: ISSUER,
    })
    t.notOk(new URL(url).searchParams.has('state'))
    const error = new AuthorizeRedirectError(
      validated('https://client.example/cb'),
      undefined,
      'invalid_scope',
      'x',
    )
    t.notOk(new URL(authorizationErrorUrl(error, ISSUER)).searchParams.has('state'))
  },
)

t.test('authorization response: the registered query is kept (RFC 6749 §3.1.2)', async (t) => {
  const url = authorizationSuccessUrl({
    redirect: validated('https://client.example/cb?tenant=a&x=1'),
    code: 'c',
    state: 's',
    issuer: ISSUER,
  })
  t.equal(url, 'https://client.example/cb?tenant=a&x=1&code=c&state=s&iss=https%3A%2F%2Fmcp.example.com')
})

t.test(
  'authorization response: values are form-encoded, a hostile state cannot add parameters',
  async (t) => {
    const state = 'a&code=evil#frag x+y/é'
    const url = authorizationSuccessUrl({
      redirect: validated('https://client.example/cb'),
      code: 'c',
      state,
      issuer: ISSUER,
    })
    const parsed = new URL(url)
    t.equal(parsed.hash, '', 'no fragment injected')
    t.same(parsed.searchParams.getAll('code'), ['c'])
    t.equal(parsed.searchParams.get('state'), state)
  },
)

t.test('authorization response: private-use and loopback redirects get the parameters too', async (t) => {
  const cursor = authorizationSuccessUrl({
    redirect: validated('cursor://anysphere.cursor-mcp/oauth/callback'),
    code: 'c',
    state: 's',
    issuer: ISSUER,
  })
  t.equal(
    cursor,
    'cursor://anysphere.cursor-mcp/oauth/callback?code=c&state=s&iss=https%3A%2F%2Fmcp.example.com',
  )
  const loopback = policy.resolve('http://127.0.0.1:50123/callback', ['http://127.0.0.1/callback'])
  const url = authorizationSuccessUrl({ redirect: loopback, code: 'c', state: 's', issuer: ISSUER })
  t.match(url, /^http:\/\/127\.0\.0\.1:50123\/callback\?code=c&/)
})

t.test('authorization response: a forged redirect is never built into a URL', async (t) => {
  const forged = Object.freeze({ uri: 'https://evil.example/' }) as unknown as ValidatedRedirect
  t.throws(
    () => authorizationSuccessUrl({ redirect: forged, code: 'c', state: 's', issuer: ISSUER }),
    TypeError,
  )
})
