import t from 'tap'
import { escapeHtml } from '../../src/consent/escape-html.js'
import { html, trustedHtml } from '../../src/consent/html.js'

t.test('escapeHtml: each of & < > " \' ` becomes an entity (OWASP XSS rules #1, #2)', async (t) => {
  t.equal(escapeHtml('&'), '&amp;')
  t.equal(escapeHtml('<'), '&lt;')
  t.equal(escapeHtml('>'), '&gt;')
  t.equal(escapeHtml('"'), '&quot;')
  t.equal(escapeHtml("'"), '&#39;')
  t.equal(escapeHtml('`'), '&#96;')
  t.equal(escapeHtml('plain text é 日本'), 'plain text é 日本', 'other text untouched')
})

t.test('escapeHtml: attribute break-outs stay inside the attribute value', async (t) => {
  const payload = `" onmouseover="alert(1)' x='<script>alert(2)</script>`
  const out = escapeHtml(payload)
  t.notMatch(out, /["'<>]/, 'no quote or angle bracket survives')
  t.equal(out, '&quot; onmouseover=&quot;alert(1)&#39; x=&#39;&lt;script&gt;alert(2)&lt;/script&gt;')
})

t.test('escapeHtml: ampersands are escaped first, so entities in input stay literal text', async (t) => {
  t.equal(escapeHtml('&lt;b&gt;'), '&amp;lt;b&amp;gt;')
})

t.test('escapeHtml: NUL and lone surrogates become U+FFFD, valid pairs are kept', async (t) => {
  t.equal(escapeHtml('a\0b'), 'a\uFFFDb')
  t.equal(escapeHtml('x\uD800y'), 'x\uFFFDy')
  t.equal(escapeHtml('x\uDC00y'), 'x\uFFFDy')
  t.equal(escapeHtml('😀'), '😀')
})

t.test('html: interpolated text is escaped, SafeHtml and lists are composed', async (t) => {
  const name = '<b>x</b>'
  const inner = html`<em>${name}</em>`
  const out = html`<p title="${name}">${inner}${['<', html`<br />`]}${null}${false}${undefined}${3}</p>`
  t.equal(out.markup, '<p title="&lt;b&gt;x&lt;/b&gt;"><em>&lt;b&gt;x&lt;/b&gt;</em>&lt;<br />3</p>')
  t.equal(html`${trustedHtml('<hr>')}`.markup, '<hr>')
})

t.test('html: an object that only looks like SafeHtml is refused, never emitted as markup', async (t) => {
  const forged = JSON.parse('{"markup":"<script>alert(1)</script>"}')
  t.throws(() => html`<p>${forged}</p>`, TypeError)
})
