import t from 'tap'
import { isoSeconds, isoTicks, localDateTime, weekAnchor } from '../../src/seed/week.js'

t.test('weekAnchor: every day of a week maps to its Monday 00:00 UTC', async (t) => {
  const monday = Date.parse('2024-12-30T00:00:00Z') // the ISO week spans a year boundary
  for (let d = 0; d < 7; d++) {
    t.equal(weekAnchor(monday + d * 86_400_000 + 3_600_000), monday, `day ${d}`)
  }
  t.equal(weekAnchor(monday + 7 * 86_400_000), monday + 7 * 86_400_000, 'next Monday starts a new week')
})

t.test('formats: Graph date-time strings', async (t) => {
  const at = Date.parse('2025-06-02T09:30:15.123Z')
  t.equal(isoSeconds(at), '2025-06-02T09:30:15Z')
  t.equal(isoTicks(at), '2025-06-02T09:30:15.0000000Z')
  t.equal(localDateTime(at), '2025-06-02T09:30:15.0000000')
})
