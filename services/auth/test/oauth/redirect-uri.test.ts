import t, { type Test } from 'tap'
import { AuthorizeLocalError, OAuthError } from '../../src/oauth/errors.js'
import { createRedirectUriPolicy, DEFAULT_PRIVATE_USE_SCHEMES } from '../../src/oauth/redirect-uri.js'
import { throwsOAuthError } from './throws-oauth-error.js'

const policy = createRedirectUriPolicy()

const refusedAtRegistration = (t: Test, uri: string, name: string) =>
  throwsOAuthError(t, () => policy.checkRegistration(uri), 'invalid_redirect_uri', name)

const refusedAtAuthorize = (t: Test, requested: string | undefined, registered: string[], name: string) =>
  throwsOAuthError(
    t,
    () => policy.resolve(requested, registered),
    'invalid_request',
    name,
    AuthorizeLocalError,
  )

t.test('redirect_uri registration: what real clients register is accepted', async (t) => {
  const accepted: Array<[string, string]> = [
    ['https://claude.ai/api/mcp/auth_callback', 'https'],
    ['https://vscode.dev/redirect', 'https'],
    ['http://127.0.0.1:33418/', 'loopback'],
    ['http://127.0.0.1/callback', 'loopback'],
    ['http://localhost:3334/oauth/callback', 'loopback'],
    ['http://[::1]:8080/cb', 'loopback'],
    ['http://localhost', 'loopback'],
    ['cursor://anysphere.cursor-mcp/oauth/callback', 'private-use'],
    ['vscode://vscode.github-authentication/did-authenticate', 'private-use'],
    ['https://client.example/cb?tenant=a', 'https'],
  ]
  for (const [uri, kind] of accepted) t.equal(policy.checkRegistration(uri), kind, uri)
})

t.test('E36: javascript:, data:, file: and other schemes are refused at registration', async (t) => {
  for (const uri of [
    'javascript:alert(1)',
    'javascript://comment%0Aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox(1)',
    'ftp://files.example/cb',
    'ws://127.0.0.1/cb',
    'myapp://callback/x',
  ]) {
    refusedAtRegistration(t, uri, uri)
  }
})

t.test('E36: wildcards and fragments are refused at registration (RFC 6749 §3.1.2)', async (t) => {
  refusedAtRegistration(t, 'https://*.client.example/cb', 'wildcard host')
  refusedAtRegistration(t, 'https://client.example/*', 'wildcard path')
  refusedAtRegistration(t, 'https://client.example/cb#frag', 'fragment')
  refusedAtRegistration(t, 'https://client.example/cb#', 'empty fragment')
})

t.test('A2/E36: http is refused unless the host is a loopback literal (OAuth 2.1 §2.3.1)', async (t) => {
  refusedAtRegistration(t, 'http://client.example/cb', 'plain http')
  refusedAtRegistration(t, 'http://localhost.evil.com/cb', 'localhost.evil.com')
  refusedAtRegistration(t, 'http://localhost.:8080/cb', 'localhost with a trailing dot')
  refusedAtRegistration(t, 'http://127.0.0.1.nip.io/cb', '127.0.0.1.nip.io')
  refusedAtRegistration(t, 'http://10.0.0.5/cb', 'private address')
  refusedAtRegistration(t, 'http://0x7f.1/cb', 'IPv4 shorthand of loopback')
  refusedAtRegistration(t, 'http://2130706433/cb', 'decimal loopback')
  refusedAtRegistration(t, 'http://[0:0:0:0:0:0:0:1]/cb', 'uncompressed IPv6 loopback')
  refusedAtRegistration(t, 'http://127.0.0.1:0/cb', 'port 0')
})

t.test('A1/E36: userinfo, dot segments and encoded separators are refused at registration', async (t) => {
  refusedAtRegistration(t, 'https://good@evil.example/cb', 'userinfo')
  refusedAtRegistration(t, 'https://good:pw@evil.example/cb', 'userinfo with password')
  refusedAtRegistration(t, 'https://@evil.example/cb', 'empty userinfo')
  refusedAtRegistration(t, 'https://client.example/a/../cb', '/../')
  refusedAtRegistration(t, 'https://client.example/a/./cb', '/./')
  refusedAtRegistration(t, 'https://client.example/a/%2e%2e/cb', '%2e%2e')
  refusedAtRegistration(t, 'https://client.example/a/%2E%2e/cb', '%2E%2e')
  refusedAtRegistration(t, 'https://client.example/a%2fb', '%2f')
  refusedAtRegistration(t, 'https://client.example\\@evil.example/', 'backslash')
  refusedAtRegistration(t, 'cursor://anysphere.cursor-mcp/a/../cb', 'dot segment in a private-use URI')
})

t.test('A1: non-canonical forms are refused at registration so string comparison is sound', async (t) => {
  refusedAtRegistration(t, 'HTTPS://client.example/cb', 'upper-case scheme')
  refusedAtRegistration(t, 'https://Client.Example/cb', 'upper-case host')
  refusedAtRegistration(t, 'https://client.example:443/cb', 'default port')
  refusedAtRegistration(t, 'https://b%C3%BCcher.example/cb', 'percent-encoded host')
  refusedAtRegistration(t, 'https://bücher.example/cb', 'unencoded IDN')
  refusedAtRegistration(t, 'https://client.example?x=1', 'query without a path')
})

t.test('E36: whitespace, controls, length and response parameters are refused at registration', async (t) => {
  refusedAtRegistration(t, '', 'empty')
  refusedAtRegistration(t, ' https://client.example/cb', 'leading space')
  refusedAtRegistration(t, 'https://client.example/c b', 'inner space')
  refusedAtRegistration(t, 'https://client.example/cb\n', 'newline')
  refusedAtRegistration(t, 'https://client.example/\u0000', 'NUL')
  refusedAtRegistration(t, 'https://client.example/%00', 'encoded NUL')
  refusedAtRegistration(t, `https://client.example/${'a'.repeat(2000)}`, 'longer than 2000')
  refusedAtRegistration(t, 'https://client.example/cb?code=x', 'query carrying code')
  refusedAtRegistration(t, 'https://client.example/cb?state=x', 'query carrying state')
  refusedAtRegistration(t, 'https://client.example/cb?iss=x', 'query carrying iss')
  t.equal(policy.checkRegistration(`https://client.example/${'a'.repeat(1970)}`), 'https', 'long but allowed')
})

t.test(
  'private-use schemes: only allowlisted schemes in the forms clients use (RFC 8252 §7.1)',
  async (t) => {
    t.same([...DEFAULT_PRIVATE_USE_SCHEMES], ['cursor', 'vscode', 'vscode-insiders', 'windsurf', 'claude'])
    refusedAtRegistration(t, 'cursor:alert(1)', 'opaque form')
    refusedAtRegistration(t, 'cursor:///oauth/callback', 'empty host')
    refusedAtRegistration(t, 'cursor://anysphere.cursor-mcp', 'no path')
    refusedAtRegistration(t, 'cursor://anysphere.cursor-mcp:99/cb', 'port')
    refusedAtRegistration(t, 'Cursor://anysphere.cursor-mcp/cb', 'upper-case scheme')
    refusedAtRegistration(t, 'com.example.app:/oauth2redirect', 'reverse-domain scheme not allowlisted')
    const custom = createRedirectUriPolicy({ privateUseSchemes: ['com.example.app'] })
    t.equal(
      custom.checkRegistration('com.example.app:/oauth2redirect/example'),
      'private-use',
      'reverse-domain form',
    )
    throwsOAuthError(
      t,
      () => custom.checkRegistration('cursor://anysphere.cursor-mcp/oauth/callback'),
      'invalid_redirect_uri',
      'cursor not allowlisted',
    )
  },
)

t.test('private-use allowlist: dangerous or malformed schemes cannot be configured', async (t) => {
  for (const scheme of ['javascript', 'data', 'file', 'http', 'https', 'Cursor', 'bad scheme', '']) {
    t.throws(() => createRedirectUriPolicy({ privateUseSchemes: [scheme] }), TypeError, scheme)
  }
})

t.test('redirect_uri at /authorize: an exact registered string matches (RFC 6749 §3.1.2.3)', async (t) => {
  const registered = ['https://client.example/cb', 'cursor://anysphere.cursor-mcp/oauth/callback']
  t.equal(policy.resolve('https://client.example/cb', registered).uri, 'https://client.example/cb')
  t.equal(
    policy.resolve('cursor://anysphere.cursor-mcp/oauth/callback', registered).uri,
    'cursor://anysphere.cursor-mcp/oauth/callback',
  )
})

t.test('A1: redirect_uri variants of the registered value do not match and stay local', async (t) => {
  const registered = ['https://client.example/cb']
  refusedAtAuthorize(t, 'https://client.example/cb/', registered, 'trailing slash')
  refusedAtAuthorize(t, 'https://CLIENT.example/cb', registered, 'host case')
  refusedAtAuthorize(t, 'https://client.example/CB', registered, 'path case')
  refusedAtAuthorize(t, 'https://client.example/cb/extra', registered, 'extra path')
  refusedAtAuthorize(t, 'https://client.example/cb?x=1', registered, 'added query')
  refusedAtAuthorize(t, 'https://client.example/cb#frag', registered, 'fragment')
  refusedAtAuthorize(t, 'https://client.example@evil.example/cb', registered, 'userinfo')
  refusedAtAuthorize(t, 'https://client.example/cb/%2e%2e/x', registered, '%2e%2e')
  refusedAtAuthorize(t, 'https://client.example:8443/cb', registered, 'different port')
  refusedAtAuthorize(t, 'https://client.example./cb', registered, 'trailing dot host')
  refusedAtAuthorize(t, 'https://evil.example/cb', registered, 'foreign host')
})

t.test('A1: IDN and punycode spellings of a registered host never match each other', async (t) => {
  refusedAtAuthorize(
    t,
    'https://xn--bcher-kva.example/cb',
    ['https://bücher.example/cb'],
    'punycode vs unicode',
  )
  refusedAtAuthorize(
    t,
    'https://bücher.example/cb',
    ['https://xn--bcher-kva.example/cb'],
    'unicode vs punycode',
  )
  t.equal(
    policy.resolve('https://xn--bcher-kva.example/cb', ['https://xn--bcher-kva.example/cb']).uri,
    'https://xn--bcher-kva.example/cb',
    'identical punycode matches',
  )
})

t.test('A2: a loopback URI registered as loopback matches on any port (RFC 8252 §7.3)', async (t) => {
  t.equal(
    policy.resolve('http://127.0.0.1:51234/callback', ['http://127.0.0.1/callback']).uri,
    'http://127.0.0.1:51234/callback',
  )
  t.equal(policy.resolve('http://127.0.0.1:5000/', ['http://127.0.0.1:33418/']).uri, 'http://127.0.0.1:5000/')
  t.equal(
    policy.resolve('http://localhost:3334/oauth/callback', ['http://localhost/oauth/callback']).uri,
    'http://localhost:3334/oauth/callback',
  )
  t.equal(policy.resolve('http://[::1]:9/cb', ['http://[::1]/cb']).uri, 'http://[::1]:9/cb')
  t.equal(
    policy.resolve('http://127.0.0.1/cb?x=1', ['http://127.0.0.1:80/cb?x=1', 'http://127.0.0.1:7/cb?x=1'])
      .uri,
    'http://127.0.0.1/cb?x=1',
  )
})

t.test('A2: loopback matching compares everything but the port', async (t) => {
  refusedAtAuthorize(
    t,
    'http://localhost:5000/callback',
    ['http://127.0.0.1/callback'],
    'localhost vs 127.0.0.1',
  )
  refusedAtAuthorize(t, 'http://[::1]:5000/callback', ['http://127.0.0.1/callback'], '[::1] vs 127.0.0.1')
  refusedAtAuthorize(t, 'http://127.0.0.1:5000/callback/', ['http://127.0.0.1/callback'], 'trailing slash')
  refusedAtAuthorize(t, 'http://127.0.0.1:5000/Callback', ['http://127.0.0.1/callback'], 'path case')
  refusedAtAuthorize(t, 'http://127.0.0.1:5000/callback?x=1', ['http://127.0.0.1/callback'], 'added query')
  refusedAtAuthorize(t, 'http://127.0.0.1:5000/', ['http://127.0.0.1'], 'empty path vs /')
  refusedAtAuthorize(
    t,
    'http://localhost.evil.com:5000/callback',
    ['http://localhost/callback'],
    'localhost.evil.com',
  )
  refusedAtAuthorize(t, 'http://127.0.0.1:0/callback', ['http://127.0.0.1/callback'], 'port 0')
})

t.test('A2: only URIs registered as loopback get port freedom', async (t) => {
  refusedAtAuthorize(
    t,
    'https://localhost:5000/cb',
    ['https://localhost:4000/cb'],
    'https on localhost is exact',
  )
  refusedAtAuthorize(t, 'http://127.0.0.1:5000/cb', ['https://127.0.0.1/cb'], 'http vs registered https')
  refusedAtAuthorize(t, 'http://client.example:5000/cb', ['http://client.example/cb'], 'non-loopback http')
})

t.test(
  'redirect_uri at /authorize: omitted only when exactly one URI is registered (OAuth 2.1 §4.1.1)',
  async (t) => {
    t.equal(policy.resolve(undefined, ['https://client.example/cb']).uri, 'https://client.example/cb')
    refusedAtAuthorize(t, undefined, ['https://client.example/cb', 'https://client.example/other'], 'several')
    refusedAtAuthorize(t, undefined, [], 'none registered')
  },
)

t.test(
  'redirect_uri at /authorize: a registered URI the current policy refuses no longer matches',
  async (t) => {
    const noCursor = createRedirectUriPolicy({ privateUseSchemes: ['vscode'] })
    const registered = ['cursor://anysphere.cursor-mcp/oauth/callback']
    t.throws(() => noCursor.resolve(registered[0], registered), AuthorizeLocalError)
    t.throws(() => noCursor.resolve(undefined, registered), AuthorizeLocalError)
  },
)

t.test('redirect_uri errors are OAuthErrors with public descriptions', async (t) => {
  try {
    policy.checkRegistration('javascript:alert(1)')
    t.fail('should throw')
  } catch (error) {
    t.ok(error instanceof OAuthError)
    t.match((error as OAuthError).toJSON(), {
      error: 'invalid_redirect_uri',
      error_description: /javascript/,
    })
  }
})
