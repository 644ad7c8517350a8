import t from 'tap'
import { isToolError } from '../../src/graph/tool-error.js'
import { createCalendarEvent } from '../../src/tools/create-calendar-event.js'
import { listCalendarEvents } from '../../src/tools/list-calendar-events.js'
import { runTool, startToolsHarness, type ToolsHarness } from './support/tools-harness.js'
import { DAY_MS, iso, weekStart } from './support/week.js'

let harness: ToolsHarness
t.before(async () => {
  harness = await startToolsHarness((fn) => t.teardown(fn))
})
const nextThursday = weekStart() + 10 * DAY_MS
const slot = { start: iso(nextThursday + 9 * 3_600_000), end: iso(nextThursday + 10 * 3_600_000) }

t.test('createCalendarEvent: the event is created and then listed in the calendar', async (t) => {
  const context = await harness.context('zoe.fischer')
  const result = await runTool(
    createCalendarEvent,
    {
      subject: 'Platform sync (tools test)',
      ...slot,
      attendees: ['marcus.chen@contoso.example'],
      body: 'Agenda: the cursor format.',
      location: 'Room 4.12',
    },
    context,
  )
  const created = result.structured!
  t.ok(created.id)
  t.equal(created.start, slot.start)
  t.equal(created.end, slot.end)
  t.equal(created.location, 'Room 4.12')
  t.match(result.text, /Invitations sent to marcus\.chen@contoso\.example/)
  const listed = await runTool(
    listCalendarEvents,
    { start: iso(nextThursday), end: iso(nextThursday + DAY_MS) },
    context,
  )
  const found = listed.structured!.items.find((e) => e.id === created.id)
  t.equal(found?.subject, 'Platform sync (tools test)')
  t.ok(found?.attendees?.some((a) => a.includes('marcus.chen@contoso.example')))
})

t.test('createCalendarEvent: a time with an offset is stored as the same instant', async (t) => {
  const result = await runTool(
    createCalendarEvent,
    { subject: 'Offset check', start: '2030-01-10T10:00:00+01:00', end: '2030-01-10T10:30:00+01:00' },
    await harness.context('zoe.fischer'),
  )
  t.equal(result.structured!.start, '2030-01-10T09:00:00.000Z')
})

t.test('createCalendarEvent: bad subjects, times and attendees are refused', async (t) => {
  const ok = { subject: 'x', ...slot }
  t.ok(createCalendarEvent.input.safeParse(ok).success)
  const bad = [
    { ...ok, subject: '  ' },
    { ...ok, end: slot.start },
    { ...ok, start: '2030-01-10T10:00:00' },
    { ...ok, end: iso(nextThursday + 15 * DAY_MS) },
    { ...ok, attendees: ['marcus'] },
    { ...ok, subject: 'x'.repeat(256) },
  ]
  for (const input of bad)
    t.notOk(createCalendarEvent.input.safeParse(input).success, JSON.stringify(input).slice(0, 80))
})

t.test('createCalendarEvent: is a destructive write tool', async (t) => {
  t.equal(createCalendarEvent.write, true)
  t.equal(createCalendarEvent.annotations.readOnlyHint, false)
  t.equal(createCalendarEvent.annotations.destructiveHint, true)
})

t.test('createCalendarEvent: without Calendars.ReadWrite the error names it', async (t) => {
  const error = await runTool(
    createCalendarEvent,
    { subject: 'x', ...slot },
    await harness.context('zoe.fischer', { app: 'basic' }),
  ).catch((e: unknown) => e)
  t.ok(isToolError(error, 'permission_missing'))
  t.match((error as Error).message, /Calendars\.ReadWrite/)
})
