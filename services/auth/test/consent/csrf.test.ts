import t from 'tap'
import { createCsrf } from '../../src/consent/csrf.js'

const NEW = 'n'.repeat(40)
const OLD = 'o'.repeat(40)

t.test('B12: a token verifies only for its own request id and browser binding', async (t) => {
  const csrf = createCsrf({ secrets: [NEW] })
  const token = csrf.issue('req-1', 'binding-1')
  t.ok(csrf.verify(token, 'req-1', 'binding-1'))
  t.notOk(csrf.verify(token, 'req-2', 'binding-1'), 'foreign request')
  t.notOk(csrf.verify(token, 'req-1', 'binding-2'), 'foreign browser')
  t.notOk(
    csrf.verify(csrf.issue('req-1b', 'inding-1'), 'req-1', 'binding-1'),
    'field boundaries are unambiguous',
  )
})

t.test('B12: missing, empty, oversized or non-string tokens are refused', async (t) => {
  const csrf = createCsrf({ secrets: [NEW] })
  for (const token of [undefined, null, '', 42, ['x'], 'x'.repeat(65)]) {
    t.notOk(csrf.verify(token, 'req-1', 'binding-1'), String(token))
  }
  t.notOk(csrf.verify(csrf.issue('r', 'b'), '', 'b'))
  t.throws(() => csrf.issue('', 'b'), TypeError)
})

t.test('B12: a token minted under another server key is refused', async (t) => {
  const token = createCsrf({ secrets: ['x'.repeat(40)] }).issue('req-1', 'b')
  t.notOk(createCsrf({ secrets: [NEW] }).verify(token, 'req-1', 'b'))
})

t.test('B12: key rotation — tokens of the previous key still verify, new ones use the new key', async (t) => {
  const before = createCsrf({ secrets: [OLD] })
  const after = createCsrf({ secrets: [NEW, OLD] })
  const oldToken = before.issue('req-1', 'b')
  t.ok(after.verify(oldToken, 'req-1', 'b'))
  const newToken = after.issue('req-1', 'b')
  t.not(newToken, oldToken)
  t.ok(createCsrf({ secrets: [NEW] }).verify(newToken, 'req-1', 'b'))
  t.notOk(createCsrf({ secrets: [NEW] }).verify(oldToken, 'req-1', 'b'), 'retired key no longer accepted')
})

t.test('csrf: secrets shorter than 32 characters or an empty list are refused at start', async (t) => {
  t.throws(() => createCsrf({ secrets: [] }), TypeError)
  t.throws(() => createCsrf({ secrets: ['short'] }), TypeError)
})
