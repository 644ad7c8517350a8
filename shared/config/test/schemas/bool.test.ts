import t from 'tap'
import { bool } from '../../src/index.js'

t.test('bool: true/false, 1/0, yes/no, on/off in any case', async (t) => {
  for (const raw of ['true', 'TRUE', '1', 'yes', 'Yes', 'on', ' ON ']) t.equal(bool().parse(raw), true, raw)
  for (const raw of ['false', 'False', '0', 'no', 'NO', 'off', 'Off']) t.equal(bool().parse(raw), false, raw)
})

t.test('bool: anything else is refused, not read as false', async (t) => {
  for (const raw of ['maybe', 'y', 'n', '2', 'enabled', '', 'truee']) {
    const result = bool().safeParse(raw)
    t.notOk(result.success, raw)
    t.match(result.error?.issues[0]?.message, /must be one of true, false/)
  }
})
