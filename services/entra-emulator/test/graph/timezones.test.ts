import t from 'tap'
import {
  instantToZoned,
  preferredTimeZone,
  resolveTimeZone,
  zonedToInstant,
} from '../../src/graph/timezones.js'

t.test('resolveTimeZone: Windows names, IANA names, unknown', async (t) => {
  t.equal(resolveTimeZone('Pacific Standard Time'), 'America/Los_Angeles')
  t.equal(resolveTimeZone('pacific standard time'), 'America/Los_Angeles')
  t.equal(resolveTimeZone('Europe/Paris'), 'Europe/Paris')
  t.equal(resolveTimeZone('UTC'), 'UTC')
  t.equal(resolveTimeZone('Mars/Olympus'), undefined)
  t.equal(resolveTimeZone('not a zone'), undefined)
})

t.test('zonedToInstant / instantToZoned round-trip across DST (America/Los_Angeles)', async (t) => {
  t.equal(
    zonedToInstant('2025-06-02T09:30:00', 'America/Los_Angeles'),
    Date.parse('2025-06-02T16:30:00Z'),
    'PDT is UTC-7',
  )
  t.equal(
    zonedToInstant('2025-01-02T09:30:00.0000000', 'America/Los_Angeles'),
    Date.parse('2025-01-02T17:30:00Z'),
    'PST is UTC-8',
  )
  t.equal(
    instantToZoned(Date.parse('2025-06-02T16:30:00Z'), 'America/Los_Angeles'),
    '2025-06-02T09:30:00.0000000',
  )
  t.equal(instantToZoned(Date.parse('2025-06-02T16:30:00.250Z'), 'UTC'), '2025-06-02T16:30:00.2500000')
  t.equal(zonedToInstant('2025-02-30T10:00:00', 'UTC'), undefined, 'no such day')
  t.equal(zonedToInstant('tomorrow', 'UTC'), undefined)
})

t.test('preferredTimeZone reads Prefer: outlook.timezone', async (t) => {
  t.same(preferredTimeZone('outlook.timezone="Pacific Standard Time"'), {
    name: 'Pacific Standard Time',
    iana: 'America/Los_Angeles',
  })
  t.same(preferredTimeZone('odata.maxpagesize=5, outlook.timezone="Europe/Paris"'), {
    name: 'Europe/Paris',
    iana: 'Europe/Paris',
  })
  t.equal(preferredTimeZone('outlook.timezone="Nowhere"'), undefined)
  t.equal(preferredTimeZone(undefined), undefined)
})
