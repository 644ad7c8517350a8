import t from 'tap'
import { createSeed, weekAnchor } from '../../src/seed/index.js'
import { ANCHOR, NOW } from './fixture.js'
import type { Seed } from '../../src/seed/index.js'

const WEEK = 7 * 24 * 3_600_000

/** The seed as plain JSON (Maps become sorted entry lists) for deep comparison. */
function plain(seed: Seed): unknown {
  return JSON.parse(
    JSON.stringify(seed, (_k, v: unknown) =>
      v instanceof Map ? [...(v as Map<string, unknown>).entries()] : v,
    ),
  )
}

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{7})?(Z?)$/

/** Every ISO date-time string shifted by `ms`, keeping its exact format. */
function shiftDates(value: unknown, ms: number): unknown {
  if (typeof value === 'string') {
    const m = ISO.exec(value)
    if (!m || value.startsWith('0001-')) return value
    const shifted = new Date(Date.parse(`${m[1]}Z`) + ms).toISOString().slice(0, 19)
    return `${shifted}${m[2] ?? ''}${m[3] ?? ''}`
  }
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, ms))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, ms)]))
  }
  return value
}

t.test('weekAnchor: Monday 00:00 UTC of the ISO week, Sunday belonging to the week before', async (t) => {
  t.equal(weekAnchor(NOW), ANCHOR)
  t.equal(weekAnchor(ANCHOR), ANCHOR, 'Monday midnight is its own anchor')
  t.equal(weekAnchor(ANCHOR - 1), ANCHOR - WEEK, 'Sunday 23:59:59.999 belongs to the previous week')
  t.equal(weekAnchor(new Date(NOW)), ANCHOR, 'a Date is accepted like a number')
  t.throws(() => createSeed({ now: Number.NaN }), RangeError, 'an invalid date is refused')
})

t.test('createSeed: the same now gives deep-equal output', async (t) => {
  t.same(plain(createSeed({ now: NOW })), plain(createSeed({ now: new Date(NOW) })))
})

t.test('createSeed: any now within one week gives the same output', async (t) => {
  t.same(plain(createSeed({ now: ANCHOR })), plain(createSeed({ now: ANCHOR + WEEK - 1 })))
})

t.test('createSeed: another week keeps every id and shifts every date by whole weeks', async (t) => {
  const base = plain(createSeed({ now: NOW }))
  const later = plain(createSeed({ now: NOW + 3 * WEEK }))
  t.not(JSON.stringify(base), JSON.stringify(later), 'dates did move')
  t.same(shiftDates(later, -3 * WEEK), base)
})

t.test(
  'createSeed: demo users are the six Contoso and two Fabrikam sign-in accounts, all flagged demo',
  async (t) => {
    const seed = createSeed({ now: NOW })
    t.same(
      seed.demoUsers.map((u) => u.displayName),
      [
        'Priya Raman',
        'Marcus Chen',
        'Zoë Fischer',
        'José Alvarez',
        'Hannah Okafor',
        "Liam O'Brien",
        'Ingrid Novak',
        'Marcus Chen',
      ],
    )
    t.ok(seed.demoUsers.every((u) => u.demo))
    t.same(
      seed.users
        .filter((u) => u.demo)
        .map((u) => u.id)
        .sort(),
      seed.demoUsers.map((u) => u.id).sort(),
      'no other user is a demo user',
    )
    t.ok(new Set(seed.demoUsers.map((u) => u.department)).size >= 5, 'demo users span departments')
  },
)

t.test('createSeed: every user has a calendar, mailbox, drive and people list (maybe empty)', async (t) => {
  const seed = createSeed({ now: NOW })
  for (const u of seed.users) {
    if (
      !seed.eventsByUser.has(u.id) ||
      !seed.messagesByUser.has(u.id) ||
      !seed.mailboxesByUser.has(u.id) ||
      !seed.drivesByUser.has(u.id) ||
      !seed.driveItemsByUser.has(u.id) ||
      !seed.peopleByUser.has(u.id)
    ) {
      t.fail(`missing per-user data for ${u.userPrincipalName}`)
    }
  }
  t.same(
    seed.tenants.map((x) => x.name),
    ['Contoso', 'Fabrikam'],
  )
})
