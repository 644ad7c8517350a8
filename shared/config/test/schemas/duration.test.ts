import t from 'tap'
import { duration, formatDuration } from '../../src/index.js'

t.test('duration: ms, s, m, h, d suffixes and bare integers become milliseconds', async (t) => {
  t.equal(duration().parse('250ms'), 250)
  t.equal(duration().parse('30s'), 30_000)
  t.equal(duration().parse('10m'), 600_000)
  t.equal(duration().parse('1h'), 3_600_000)
  t.equal(duration().parse('7d'), 604_800_000)
  t.equal(duration().parse('1500'), 1500)
  t.equal(duration().parse(' 5 S '), 5000)
  t.equal(duration().parse('0'), 0)
})

t.test('duration: refuses garbage, negatives, fractions and unknown units', async (t) => {
  for (const raw of ['-5s', '1.5h', 'soon', '10 minutes', '5w', 's', '', '1h30m', '99999999999999999d']) {
    t.notOk(duration().safeParse(raw).success, raw)
  }
  t.match(duration().safeParse('soon').error?.issues[0]?.message, /must be a duration such as 250ms/)
})

t.test('duration: min and max bounds are enforced and reported in readable units', async (t) => {
  const ttl = duration({ min: 1000, max: 3_600_000 })
  t.equal(ttl.parse('1s'), 1000)
  t.equal(ttl.safeParse('999ms').error?.issues[0]?.message, 'must be at least 1s')
  t.equal(ttl.safeParse('2h').error?.issues[0]?.message, 'must be at most 1h')
})

t.test('formatDuration: picks the largest exact unit', async (t) => {
  t.equal(formatDuration(250), '250ms')
  t.equal(formatDuration(90_000), '90s')
  t.equal(formatDuration(600_000), '10m')
  t.equal(formatDuration(86_400_000), '1d')
  t.equal(formatDuration(0), '0ms')
})
