import t from 'tap'
import { inspect, format } from 'node:util'
import { createSecret, isSecret } from '../src/index.js'

const VALUE = 'p4ssw0rd-value-that-must-not-leak'

t.test('secret value: inspect, JSON, string conversion and format render [redacted]', async (t) => {
  const secret = createSecret(VALUE)
  const config = { NAME: 'demo', CLIENT_SECRET: secret, nested: { list: [secret] } }
  const renderings = [
    inspect(config, { depth: 10, showHidden: true }),
    JSON.stringify(config),
    // Interpolating a Secret is exactly the mistake this guards against.
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions
    `${secret}`,
    String(secret),
    // eslint-disable-next-line @typescript-eslint/restrict-plus-operands
    secret + '',
    format('%s %o %O %j', secret, config, config, config),
  ]
  for (const rendering of renderings) {
    t.notMatch(rendering, VALUE)
    t.match(rendering, '[redacted]')
  }
  t.equal(secret.reveal(), VALUE)
})

t.test('secret value: spreading or cloning does not copy the value', async (t) => {
  const secret = createSecret(VALUE)
  t.notMatch(JSON.stringify({ ...secret }), VALUE)
  t.notMatch(inspect(structuredClone(secret), { showHidden: true }), VALUE)
  t.same(Object.keys(secret), [])
})

t.test('secret value: isSecret recognises only secrets', async (t) => {
  t.ok(isSecret(createSecret('x')))
  t.notOk(isSecret({ reveal: () => 'x' }))
  t.notOk(isSecret('x'))
  t.notOk(isSecret(null))
})
