import t from 'tap'
import { parseConsentForm } from '../../src/consent/consent-form.js'

const ok = { csrf_token: 'c', request_id: 'r', decision: 'approve' }

t.test('consent form: exactly the fields the page posts are accepted', async (t) => {
  t.same(parseConsentForm(ok), { csrfToken: 'c', requestId: 'r', decision: 'approve', remember: false })
  t.same(parseConsentForm({ ...ok, decision: 'deny', remember: '1' })?.remember, true)
})

t.test('consent form: missing, repeated, unknown or oversized fields are refused', async (t) => {
  for (const body of [
    undefined,
    'x',
    { ...ok, csrf_token: undefined },
    { ...ok, csrf_token: ['a', 'b'] },
    { ...ok, request_id: '' },
    { ...ok, decision: 'yes' },
    { ...ok, decision: ['approve', 'deny'] },
    { ...ok, remember: 'on' },
    { ...ok, csrf_token: 'x'.repeat(513) },
  ]) {
    t.equal(parseConsentForm(body), null, JSON.stringify(body))
  }
})
