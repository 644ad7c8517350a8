import t from 'tap'
import { createScheduler, slotAt, slotsBetween } from '../../../src/seed/calendar/scheduler.js'

t.test('scheduler: a booked slot is busy for its attendees only, and for its whole length', async (t) => {
  const s = createScheduler()
  const at = s.book(['a', 'b'], [{ day: 1, slot: slotAt(10) }], 4, 'sync')
  t.same(at, { day: 1, slot: slotAt(10) })
  t.notOk(s.isFree(['a'], { day: 1, slot: slotAt(10, 45) }, 1), 'last quarter hour busy')
  t.ok(s.isFree(['a'], { day: 1, slot: slotAt(11) }, 1), 'free right after')
  t.ok(s.isFree(['c'], at, 4), 'someone else is free')
})

t.test('scheduler: book takes the first candidate where everyone is free', async (t) => {
  const s = createScheduler()
  s.reserve(['b'], { day: 0, slot: 0 }, 2)
  t.same(s.book(['a', 'b'], slotsBetween([0], 0, 4), 2, 'x'), { day: 0, slot: 2 })
})

t.test('scheduler: slots outside the working week or day are never free; no fit is an error', async (t) => {
  const s = createScheduler()
  t.notOk(s.isFree(['a'], { day: 5, slot: 0 }, 1), 'Saturday')
  t.notOk(s.isFree(['a'], { day: 0, slot: slotAt(16, 45) }, 2), 'past 17:00')
  t.throws(() => s.book(['a'], [{ day: 0, slot: slotAt(17) }], 1, 'late'), /no free slot for late/)
})
