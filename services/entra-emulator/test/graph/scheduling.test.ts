import t from 'tap'
import { candidateStarts, parseDuration, withinWorkingHours } from '../../src/graph/scheduling.js'

t.test('parseDuration: ISO 8601 durations', async (t) => {
  t.equal(parseDuration('PT1H'), 3_600_000)
  t.equal(parseDuration('PT1H30M'), 5_400_000)
  t.equal(parseDuration('PT45S'), 45_000)
  t.equal(parseDuration('P1DT2H'), 26 * 3_600_000)
  for (const bad of ['P', 'PT', 'PT0M', '1H', 'PT1X', '']) t.equal(parseDuration(bad), undefined, bad)
})

t.test('withinWorkingHours: Monday–Friday 08:00–17:00 in the given zone', async (t) => {
  const hour = 3_600_000
  t.ok(withinWorkingHours(Date.parse('2025-06-04T08:00:00Z'), hour, 'UTC'))
  t.ok(withinWorkingHours(Date.parse('2025-06-04T16:00:00Z'), hour, 'UTC'))
  t.notOk(withinWorkingHours(Date.parse('2025-06-04T16:30:00Z'), hour, 'UTC'), 'ends after 17:00')
  t.notOk(withinWorkingHours(Date.parse('2025-06-04T07:30:00Z'), hour, 'UTC'))
  t.notOk(withinWorkingHours(Date.parse('2025-06-07T10:00:00Z'), hour, 'UTC'), 'Saturday')
  t.ok(withinWorkingHours(Date.parse('2025-06-04T15:00:00Z'), hour, 'America/Los_Angeles'), '08:00 PDT')
  t.notOk(withinWorkingHours(Date.parse('2025-06-04T10:00:00Z'), hour, 'America/Los_Angeles'), '03:00 PDT')
})

t.test('candidateStarts: half-hour steps from max(window start, now) that fit the window', async (t) => {
  const w = { start: Date.parse('2025-06-04T09:00:00Z'), end: Date.parse('2025-06-04T11:00:00Z') }
  t.same(
    candidateStarts(w, 3_600_000, 0).map((ms) => new Date(ms).toISOString().slice(11, 16)),
    ['09:00', '09:30', '10:00'],
  )
  t.same(
    candidateStarts(w, 3_600_000, Date.parse('2025-06-04T09:10:00Z')).map((ms) =>
      new Date(ms).toISOString().slice(11, 16),
    ),
    ['09:30', '10:00'],
  )
})
