// A calendar event as the calendar tools return it. Times are asked in UTC
// (`Prefer: outlook.timezone="UTC"`) and returned as ISO 8601 instants with a Z.
import { z } from 'zod'
import { compact, list, mailbox, record, str, type GraphRecord } from './graph-values.js'

export const EVENT_SELECT =
  'id,subject,start,end,isAllDay,location,organizer,attendees,webLink,isOnlineMeeting'
export const UTC_PREFER = 'outlook.timezone="UTC"'

export const eventSchema = z.object({
  id: z.string(),
  subject: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  isAllDay: z.boolean().optional(),
  location: z.string().optional(),
  organizer: z.string().optional(),
  attendees: z.array(z.string()).optional(),
  webLink: z.string().optional(),
})
export type CalendarEvent = z.infer<typeof eventSchema>

/** A Graph dateTimeTimeZone in UTC as an ISO instant. */
export function utcInstant(value: unknown): string | undefined {
  const dateTime = str(record(value).dateTime)
  if (dateTime === undefined) return undefined
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(dateTime) ? dateTime : `${dateTime}Z`)
  return Number.isNaN(ms) ? dateTime : new Date(ms).toISOString()
}

export function toEvent(raw: GraphRecord): CalendarEvent {
  const attendees = list(raw.attendees)
    .map(mailbox)
    .filter((a): a is string => a !== undefined)
  return compact({
    id: str(raw.id) ?? '',
    subject: str(raw.subject),
    start: utcInstant(raw.start),
    end: utcInstant(raw.end),
    isAllDay: typeof raw.isAllDay === 'boolean' ? raw.isAllDay : undefined,
    location: str(record(raw.location).displayName),
    organizer: mailbox(raw.organizer),
    attendees: attendees.length > 0 ? attendees : undefined,
    webLink: str(raw.webLink),
  })
}

export function eventLine(event: CalendarEvent): string {
  const when = `${event.start ?? '?'} – ${event.end ?? '?'}${event.isAllDay ? ' (all day)' : ''}`
  return [
    when,
    event.subject ?? '(no subject)',
    event.location ? `@ ${event.location}` : undefined,
    `[id ${event.id}]`,
  ]
    .filter(Boolean)
    .join(' ')
}
