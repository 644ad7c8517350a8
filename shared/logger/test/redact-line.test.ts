import t from 'tap'
import { redactLine } from '../src/index.js'

t.test('redactLine: a line naming no sensitive key is returned as is', async (t) => {
  const line = '{"level":"info","service":"auth","msg":"response_type=code ok","user":{"id":"u1"}}\n'
  t.equal(redactLine(line), line)
})

t.test('redactLine: sensitive keys are redacted at any depth and in any case', async (t) => {
  const line = JSON.stringify({
    Token: 't1',
    a: { b: { c: { d: { e: { refresh_token: 't2' } } } } },
    list: [{ ACCESS_TOKEN: 't3' }, 'plain'],
    headers: { 'Set-Cookie': ['sid=t4'], cookie: 'x=t5' },
    cookies: { session: 't6' },
  })
  const redacted = JSON.parse(redactLine(`${line}\n`))
  t.same(redacted, {
    Token: '[redacted]',
    a: { b: { c: { d: { e: { refresh_token: '[redacted]' } } } } },
    list: [{ ACCESS_TOKEN: '[redacted]' }, 'plain'],
    headers: { 'Set-Cookie': '[redacted]', cookie: '[redacted]' },
    cookies: '[redacted]',
  })
})

t.test('redactLine: err.code is kept only when it looks like an error identifier', async (t) => {
  const keep = (code: unknown): unknown => JSON.parse(redactLine(JSON.stringify({ err: { code } }))).err.code
  t.equal(keep('ECONNREFUSED'), 'ECONNREFUSED')
  t.equal(keep('FST_ERR_CTP_INVALID_MEDIA_TYPE'), 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
  t.equal(keep('invalid_grant'), 'invalid_grant')
  t.equal(keep(429), 429)
  t.equal(keep('Xk9_aB3-authorization-code'), '[redacted]')
  t.equal(keep('0.AXoAabc'), '[redacted]')
  t.equal(
    JSON.parse(redactLine(JSON.stringify({ other: { code: 'ECONNREFUSED' } }))).other.code,
    '[redacted]',
  )
})

t.test('redactLine: an unparseable line is withheld, not written', async (t) => {
  const out = redactLine('{"token":"t7" broken')
  t.notMatch(out, 't7')
  t.match(JSON.parse(out), { level: 'error', msg: /withheld/ })
})
