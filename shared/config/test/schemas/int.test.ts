import t from 'tap'
import { int } from '../../src/index.js'

t.test('int: accepts signed base-10 integers within the bounds', async (t) => {
  t.equal(int().parse('-42'), -42)
  t.equal(int().parse('+7'), 7)
  t.equal(int({ min: 0, max: 10 }).parse('10'), 10)
  t.equal(int({ min: 0 }).parse('0'), 0)
})

t.test('int: refuses out-of-range, unsafe and non-integer values, naming the bounds', async (t) => {
  t.equal(
    int({ min: 1, max: 5 }).safeParse('6').error?.issues[0]?.message,
    'must be an integer between 1 and 5',
  )
  t.equal(int({ min: 1 }).safeParse('0').error?.issues[0]?.message, 'must be an integer of at least 1')
  t.equal(int({ max: 1 }).safeParse('2').error?.issues[0]?.message, 'must be an integer of at most 1')
  for (const raw of ['1.5', 'ten', '9007199254740993', '1_000', '']) {
    t.equal(int().safeParse(raw).error?.issues[0]?.message, 'must be an integer', raw)
  }
})
