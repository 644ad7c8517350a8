import t from 'tap'
import { port } from '../../src/index.js'

t.test('port: accepts 1–65535, trimmed, as a number', async (t) => {
  t.equal(port().parse('1'), 1)
  t.equal(port().parse('8080'), 8080)
  t.equal(port().parse(' 65535 '), 65535)
})

t.test('port: refuses 0, 65536, negatives, decimals, hex and words with a reason', async (t) => {
  for (const raw of ['0', '65536', '99999', '-1', '80.5', '0x50', 'http', '', '1e3']) {
    const result = port().safeParse(raw)
    t.notOk(result.success, raw)
    t.equal(result.error?.issues[0]?.message, 'must be an integer between 1 and 65535', raw)
  }
})
