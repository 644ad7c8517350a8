import t from 'tap'
import {
  AuthorizeLocalError,
  AuthorizeRedirectError,
  OAuthError,
  type ValidatedRedirect,
} from '../../src/oauth/errors.js'
import { createRedirectUriPolicy } from '../../src/oauth/redirect-uri.js'

const redirect = createRedirectUriPolicy().resolve('https://client.example/cb', ['https://client.example/cb'])

t.test('OAuthError: toJSON is the RFC 6749 §5.2 body and omits the cause', async (t) => {
  const error = new OAuthError('invalid_grant', 'code expired', { cause: new Error('redis key x') })
  t.same(JSON.parse(JSON.stringify(error)), { error: 'invalid_grant', error_description: 'code expired' })
  t.equal(error.status, 400)
  t.ok(error.cause instanceof Error, 'cause kept for logs')
})

t.test('OAuthError: statuses follow the RFCs (RFC 6749 §5.2, RFC 6750 §3.1)', async (t) => {
  t.equal(new OAuthError('invalid_client', 'x').status, 401)
  t.equal(new OAuthError('invalid_token', 'x').status, 401)
  t.equal(new OAuthError('insufficient_scope', 'x').status, 403)
  t.equal(new OAuthError('server_error', 'x').status, 500)
  t.equal(new OAuthError('temporarily_unavailable', 'x').status, 503)
  t.equal(new OAuthError('slow_down', 'x', { status: 429 }).status, 429, 'status can be overridden')
})

t.test('OAuthError: only statuses below 500 are exposed', async (t) => {
  t.equal(new OAuthError('invalid_request', 'x').exposed, true)
  t.equal(new OAuthError('server_error', 'x').exposed, false)
})

t.test('OAuthError: error_description keeps to the RFC 6749 §5.2 character set', async (t) => {
  const error = new OAuthError('invalid_request', 'bad "value" \\ é\n<x>')
  t.match(error.description, /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/)
  t.equal(error.description, 'bad ?value? ? ??<x>')
  t.ok(new OAuthError('invalid_request', 'a'.repeat(5000)).description.length <= 300, 'capped')
  t.same(
    new OAuthError('invalid_request', '').toJSON(),
    { error: 'invalid_request' },
    'empty description omitted',
  )
})

t.test('AuthorizeRedirectError: carries the validated redirect and the state', async (t) => {
  const error = new AuthorizeRedirectError(redirect, 'st', 'access_denied', 'the user denied access')
  t.equal(error.redirect.uri, 'https://client.example/cb')
  t.equal(error.state, 'st')
  t.ok(error instanceof OAuthError)
})

t.test('AuthorizeRedirectError: a redirect forged with a cast is refused at runtime', async (t) => {
  const forged = Object.freeze({ uri: 'https://evil.example/' }) as unknown as ValidatedRedirect
  t.throws(() => new AuthorizeRedirectError(forged, undefined, 'access_denied', 'x'), TypeError)
})

t.test('AuthorizeRedirectError.from: authorization-response codes redirect, others stay local', async (t) => {
  const scope = AuthorizeRedirectError.from(new OAuthError('invalid_scope', 'bad'), redirect, 's')
  t.ok(scope instanceof AuthorizeRedirectError)
  t.equal(scope.error, 'invalid_scope')
  const client = AuthorizeRedirectError.from(new OAuthError('invalid_client', 'unknown'), redirect, 's')
  t.ok(client instanceof AuthorizeLocalError)
  t.notOk(client instanceof AuthorizeRedirectError)
  t.equal(client.status, 401)
})
