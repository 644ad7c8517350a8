import t from 'tap'
import { readOAuthParams } from '../../src/oauth/params.js'
import { throwsOAuthError } from './throws-oauth-error.js'

t.test('params: single values are read from a parsed query object and from URLSearchParams', async (t) => {
  const fromObject = readOAuthParams({ client_id: 'mcp_1', state: 'xyz' })
  t.equal(fromObject.get('client_id'), 'mcp_1')
  t.equal(fromObject.get('missing'), undefined)
  const fromSearch = readOAuthParams(new URLSearchParams('client_id=mcp_1&state=xyz'))
  t.equal(fromSearch.get('state'), 'xyz')
})

t.test('params: a parameter without a value is treated as omitted (RFC 6749 §3.1)', async (t) => {
  const params = readOAuthParams(new URLSearchParams('state=&scope=mcp'))
  t.equal(params.get('state'), undefined)
  t.same(params.getAll('state'), [])
})

t.test('A7: a repeated redirect_uri is invalid_request (RFC 6749 §3.1)', async (t) => {
  const query = new URLSearchParams('redirect_uri=https://a.example/cb&redirect_uri=https://evil.example/cb')
  throwsOAuthError(t, () => readOAuthParams(query), 'invalid_request', 'URLSearchParams')
  throwsOAuthError(
    t,
    () => readOAuthParams({ redirect_uri: ['https://a.example/cb', 'https://evil.example/cb'] }),
    'invalid_request',
    'Fastify array form',
  )
})

t.test('A7: a repeated client_id is invalid_request, even with one empty value', async (t) => {
  throwsOAuthError(
    t,
    () => readOAuthParams(new URLSearchParams('client_id=a&client_id=b')),
    'invalid_request',
    'two',
  )
  throwsOAuthError(
    t,
    () => readOAuthParams(new URLSearchParams('client_id=&client_id=b')),
    'invalid_request',
    'empty + value',
  )
  throwsOAuthError(
    t,
    () => readOAuthParams(new URLSearchParams('client_id=a&client_id=a')),
    'invalid_request',
    'same twice',
  )
})

t.test('params: resource may repeat when configured multi-valued (RFC 8707 §2)', async (t) => {
  const query = new URLSearchParams('resource=https://x/mcp&resource=https://x/sse')
  const params = readOAuthParams(query, { multiValued: ['resource'] })
  t.same(params.getAll('resource'), ['https://x/mcp', 'https://x/sse'])
  throwsOAuthError(
    t,
    () => params.get('resource'),
    'invalid_request',
    'get() of a repeated multi-valued name',
  )
  throwsOAuthError(t, () => readOAuthParams(query), 'invalid_request', 'not configured')
})

t.test('params: non-string values (nested objects from a parser) are invalid_request', async (t) => {
  throwsOAuthError(t, () => readOAuthParams({ state: { a: 1 } }), 'invalid_request', 'object')
  throwsOAuthError(t, () => readOAuthParams({ state: 5 }), 'invalid_request', 'number')
})

t.test('A11: a 64 KB scope or state is invalid_request before anything else', async (t) => {
  const big = 'a'.repeat(64 * 1024)
  throwsOAuthError(t, () => readOAuthParams({ scope: big }), 'invalid_request', '64 KB scope')
  throwsOAuthError(
    t,
    () => readOAuthParams(new URLSearchParams({ state: big })),
    'invalid_request',
    '64 KB state',
  )
})

t.test('A11: values over 4 KB or requests over 16 KB in total are refused', async (t) => {
  t.equal(readOAuthParams({ state: 'a'.repeat(4096) }).get('state')?.length, 4096, '4 KB value allowed')
  throwsOAuthError(t, () => readOAuthParams({ state: 'a'.repeat(4097) }), 'invalid_request', '4 KB + 1')
  throwsOAuthError(
    t,
    () => readOAuthParams({ state: 'é'.repeat(2049) }),
    'invalid_request',
    'counted in UTF-8 bytes',
  )
  const many = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p${i}`, 'a'.repeat(4000)]))
  throwsOAuthError(t, () => readOAuthParams(many), 'invalid_request', '5 x 4000 bytes')
  const names = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`p${i}`, 'x']))
  throwsOAuthError(t, () => readOAuthParams(names), 'invalid_request', '65 parameters')
  t.ok(readOAuthParams({ state: 'a'.repeat(100) }, { maxValueBytes: 100 }), 'limits are configurable')
})

t.test('A11: a 1 MB request is refused in well under 50 ms', async (t) => {
  const query = new URLSearchParams({ scope: 'a'.repeat(1024 * 1024) })
  const started = performance.now()
  throwsOAuthError(t, () => readOAuthParams(query), 'invalid_request', '1 MB')
  t.ok(performance.now() - started < 50, 'fast')
})

t.test('params: odd parameter names are never echoed in descriptions', async (t) => {
  const error = throwsOAuthError(
    t,
    () => readOAuthParams({ '<script>': ['a', 'b'] }),
    'invalid_request',
    'odd name',
  )
  t.notMatch(error?.description ?? '', /script/)
})
