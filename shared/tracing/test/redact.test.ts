import t from 'tap'
import { REDACTED, redactUrlForSpan, scrubString } from '../src/redact.js'
import { scrubAttribute } from '../src/scrub-span-processor.js'

t.test('url attributes: the query and fragment are dropped, an email in the path replaced', async (t) => {
  t.equal(redactUrlForSpan('/callback?code=abc&state=xyz'), '/callback')
  t.equal(redactUrlForSpan('https://graph.microsoft.com/v1.0/me#frag'), 'https://graph.microsoft.com/v1.0/me')
  t.equal(
    redactUrlForSpan('https://graph.microsoft.com/v1.0/users/alice%40contoso.com/manager'),
    `https://graph.microsoft.com/v1.0/users/${REDACTED}/manager`,
  )
  t.equal(redactUrlForSpan('/v1.0/users/alice@contoso.com/manager'), `/v1.0/users/${REDACTED}/manager`)
})

t.test('strings: bearer credentials, JWTs and emails are replaced', async (t) => {
  t.equal(scrubString('Bearer abc.def'), REDACTED)
  t.equal(scrubString('token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig end'), `token ${REDACTED} end`)
  t.equal(scrubString('mail from bob@fabrikam.example failed'), `mail from ${REDACTED} failed`)
  t.equal(scrubString('POST /mcp'), 'POST /mcp')
})

t.test('attributes: url.query becomes a marker, arrays are scrubbed, numbers kept', async (t) => {
  t.equal(scrubAttribute('url.query', '?code=abc'), REDACTED)
  t.equal(scrubAttribute('url.query', ''), '')
  t.same(scrubAttribute('x', ['a@b.example', 'ok']), [REDACTED, 'ok'])
  t.equal(scrubAttribute('http.response.status_code', 200), 200)
  t.equal(scrubAttribute('url.full', 'http://h/users/a@b.example?x=1'), `http://h/users/${REDACTED}`)
})
