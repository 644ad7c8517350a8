import t from 'tap'
import { createCspNonce } from '../../src/consent/csp-nonce.js'
import {
  contentSecurityPolicy,
  formActionSource,
  htmlPageHeaders,
} from '../../src/consent/security-headers.js'
import { buildConsentTestApp, ENTRA_AUTHORIZE } from './consent-test-app.js'

const BASELINE = {
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
}

t.test('B13: the consent page carries frame-ancestors none, X-Frame-Options DENY and the rest', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const res = await app.inject({
    method: 'GET',
    url: '/authorize?client_id=mcp_good&redirect_uri=https%3A%2F%2Fgood.example%2Fcb',
  })
  t.equal(res.statusCode, 200)
  t.match(res.headers, BASELINE)
  t.equal(res.headers['content-type'], 'text/html; charset=utf-8')
  const csp = String(res.headers['content-security-policy'])
  const nonce = /<style nonce="([^"]+)">/.exec(res.body)?.[1]
  t.equal(
    csp,
    `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self' https://login.microsoftonline.com https://good.example; frame-ancestors 'none'; base-uri 'none'`,
  )
})

t.test('B13: the error page carries the same headers and allows no form at all', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const res = await app.inject({
    method: 'GET',
    url: '/authorize?client_id=mcp_good&redirect_uri=https%3A%2F%2Fevil.example%2Fcb',
  })
  t.equal(res.statusCode, 400)
  t.notOk(res.headers.location, 'an unvalidated redirect URI is never redirected to (A1)')
  t.match(res.headers, BASELINE)
  t.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/)
  t.match(String(res.headers['content-security-policy']), /form-action 'none'/)
})

t.test('B13: a fresh nonce per response', async (t) => {
  const app = await buildConsentTestApp()
  t.teardown(() => app.close())
  const url = '/authorize?client_id=mcp_good&redirect_uri=https%3A%2F%2Fgood.example%2Fcb'
  const [a, b] = await Promise.all([app.inject({ url }), app.inject({ url })])
  t.not(a?.headers['content-security-policy'], b?.headers['content-security-policy'])
})

t.test('CSP form-action: origins for web redirects, the scheme for private-use schemes', async (t) => {
  t.equal(formActionSource('https://good.example:8443/cb?x=1'), 'https://good.example:8443')
  t.equal(formActionSource('http://127.0.0.1:33418/'), 'http://127.0.0.1:33418')
  t.equal(formActionSource('cursor://anysphere.cursor-mcp/oauth/callback'), 'cursor:')
  t.equal(formActionSource('http://[::1]:5000/cb'), 'http:', 'CSP has no IPv6 literal host-source')
  t.equal(formActionSource(ENTRA_AUTHORIZE), 'https://login.microsoftonline.com')
})

t.test('CSP form-action: dangerous or malformed targets throw instead of widening the policy', async (t) => {
  for (const target of [
    'javascript:alert(1)',
    'data:text/html,x',
    'file:///etc/passwd',
    'blob:https://a/b',
    'not a url',
    'https:',
  ]) {
    t.throws(() => formActionSource(target), TypeError, target)
  }
})

t.test('CSP: duplicates collapse; without targets form-action is none; the nonce is checked', async (t) => {
  const nonce = createCspNonce()
  t.match(
    contentSecurityPolicy({ nonce, formActionTargets: ['https://a.example/x', 'https://a.example/y'] }),
    /form-action 'self' https:\/\/a\.example;/,
  )
  t.match(contentSecurityPolicy({ nonce, formActionTargets: [] }), /form-action 'self';/)
  t.match(contentSecurityPolicy({ nonce }), /form-action 'none';/)
  t.throws(
    () => htmlPageHeaders({ nonce: "abc'; script-src *" }),
    TypeError,
    'a nonce cannot inject directives',
  )
})
