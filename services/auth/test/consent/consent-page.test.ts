import t from 'tap'
import { renderConsentPage, type ConsentPageInput } from '../../src/consent/consent-page.js'
import { createCspNonce } from '../../src/consent/csp-nonce.js'
import { renderErrorPage } from '../../src/consent/error-page.js'

const base = (over: Partial<ConsentPageInput> = {}): ConsentPageInput => ({
  clientName: 'Good Client',
  clientId: 'mcp_abc',
  redirectHost: 'good.example',
  redirectUri: 'https://good.example/cb?x=1&y=2',
  scopes: [{ name: 'mcp', description: 'Use the Microsoft 365 tools of this server as you' }],
  resource: 'https://mcp.example.com/mcp',
  csrfToken: 'csrf-token-value',
  formAction: '/consent',
  requestId: 'req-123',
  nonce: createCspNonce(),
  ...over,
})

/** Every URL-bearing attribute and CSS reference of a page. */
function references(page: string): string[] {
  const attrs = [
    ...page.matchAll(
      /\s(?:src|href|action|formaction|srcset|poster|data|background|ping|cite|manifest)\s*=\s*"([^"]*)"/gi,
    ),
  ]
  const css = [...page.matchAll(/url\(|@import/gi)]
  return [...attrs.map((m) => m[1] ?? ''), ...css.map((m) => m[0])]
}

t.test('B14: HTML and script in client_name and client_uri are escaped, never markup', async (t) => {
  const page = renderConsentPage(
    base({
      clientName: '<img src=x onerror=alert(1)><script>alert(2)</script>',
      clientUri: 'javascript:alert(1)//"><svg onload=alert(3)>',
      redirectHost: '"><b>host</b>',
    }),
  )
  t.notMatch(page, /<img|<script|<svg|<b>host/i, 'no injected element')
  t.match(page, /&lt;img src=x onerror=alert\(1\)&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/)
  t.match(page, /javascript:alert\(1\)\/\/&quot;&gt;&lt;svg onload=alert\(3\)&gt;/)
  t.notMatch(page, /href="javascript:/i, 'client_uri is text, not a link')
})

t.test('B14: an RTL-override name is flagged visibly with the code point revealed', async (t) => {
  const page = renderConsentPage(base({ clientName: 'Cursor \u202Etfosorcim' }))
  t.match(page, /this name contains characters that can disguise it/i)
  t.match(page, /<span class="cp" title="U\+202E">U\+202E<\/span>/, 'U+202E shown as a label')
  t.notMatch(page, /\u202E/, 'the raw override never reaches the page')
  t.match(page, /role="alert"/)
})

t.test('B14: a Cyrillic homoglyph name is flagged with the Cyrillic letter revealed', async (t) => {
  const page = renderConsentPage(base({ clientName: 'Micr\u043Esoft' }))
  t.match(page, /can disguise it/)
  t.match(page, /Micr<span class="cp" title="U\+043E">U\+043E<\/span>soft/)
})

t.test('B14: an ordinary name carries no warning', async (t) => {
  t.notMatch(renderConsentPage(base()), /can disguise it/)
})

t.test('B14: a caller-supplied warning is shown alongside the page’s own', async (t) => {
  const page = renderConsentPage(
    base({
      clientNameWarnings: [
        { code: 'mixed-script', message: 'flagged by the registry', codePoints: ['U+0041'] },
      ],
    }),
  )
  t.match(page, /flagged by the registry: U\+0041/)
})

t.test('B17: no third-party subresource or link, even with a logo_uri and client_uri', async (t) => {
  const page = renderConsentPage(
    base({ logoUri: 'https://tracker.example/logo.png', clientUri: 'https://client.example/about' }),
  )
  t.notMatch(page, /tracker\.example/, 'logo_uri is not used at all')
  t.notMatch(page, /<(img|script|link|iframe|object|embed|video|audio|source)\b/i)
  t.same(references(page), ['/consent'], 'the only URL attribute is the same-origin form action')
  t.same(
    references(renderErrorPage({ title: 't', message: 'm', requestId: 'r', nonce: createCspNonce() })),
    [],
  )
})

/** The page with whitespace runs collapsed, as a browser renders them. */
const flat = (page: string) => page.replace(/\s+/g, ' ')

t.test('consent page: states the delegation, the return host and full URI, the scopes', async (t) => {
  const page = flat(renderConsentPage(base()))
  t.match(
    page,
    /<strong><bdi>Good Client<\/bdi><\/strong> will be able to act as you on Microsoft 365 through this server/,
  )
  t.match(page, /sends you back to <strong><bdi>good\.example<\/bdi><\/strong>/)
  t.match(page, /<dd><code>https:\/\/good\.example\/cb\?x=1&amp;y=2<\/code><\/dd>/)
  t.match(page, /Use the Microsoft 365 tools of this server as you/)
  t.match(page, /https:\/\/mcp\.example\.com\/mcp/)
})

t.test('consent page: one POST form holds the CSRF token, request id, Approve and Deny', async (t) => {
  const page = flat(renderConsentPage(base({ rememberDays: 30 })))
  t.equal(page.match(/<form\b/g)?.length, 1)
  t.match(page, /<form method="post" action="\/consent">/)
  t.match(page, /<input type="hidden" name="csrf_token" value="csrf-token-value" \/>/)
  t.match(page, /<input type="hidden" name="request_id" value="req-123" \/>/)
  t.match(page, /<button type="submit" name="decision" value="deny">Deny<\/button>/)
  t.match(page, /<button type="submit" name="decision" value="approve" class="primary">Approve<\/button>/)
  t.match(page, /name="remember" value="1" \/> <label for="remember"\s*>[^<]*30 days/)
  t.ok(page.indexOf('value="deny"') < page.indexOf('value="approve"'), 'Deny comes first in tree order')
  t.notMatch(page, /<script/i, 'no JavaScript needed')
})

t.test('consent page: the only style element carries the response nonce; a bad nonce throws', async (t) => {
  const nonce = createCspNonce()
  const page = renderConsentPage(base({ nonce }))
  t.equal(page.match(/<style\b/g)?.length, 1)
  t.match(page, new RegExp(`<style nonce="${nonce}">`))
  t.notMatch(page, /\sstyle="/, 'no inline style attributes (they would need unsafe-inline)')
  t.throws(() => renderConsentPage(base({ nonce: `x" onload="alert(1)` })), TypeError)
})

t.test('consent page: a form action off this origin is refused', async (t) => {
  for (const formAction of [
    'https://evil.example/consent',
    '//evil.example/consent',
    '/\\evil.example',
    'consent',
  ]) {
    t.throws(() => renderConsentPage(base({ formAction })), TypeError, formAction)
  }
})

t.test('consent page: an oversized client name is cut for display', async (t) => {
  const page = renderConsentPage(base({ clientName: 'A'.repeat(5000) }))
  t.notMatch(page, /A{121}/)
  t.match(page, /A{120}…/)
})

t.test('error page: escapes its text, offers no link or form, shows the reference', async (t) => {
  const page = renderErrorPage({
    title: 'Sign-in failed <x>',
    message: 'redirect_uri "<script>" is not registered',
    requestId: 'req-9',
    nonce: createCspNonce(),
  })
  t.notMatch(page, /<script|<x>/)
  t.match(page, /&lt;script&gt;/)
  t.notMatch(page, /<a\b|<form\b/)
  t.match(page, /Reference: <code>req-9<\/code>/)
})
