// Graph `event` (https://learn.microsoft.com/graph/api/resources/event). Events are stored with UTC
// start/end; responses show them in the zone `Prefer: outlook.timezone` asks for (UTC by default),
// and say so in `Preference-Applied`.
import type { SeedEvent } from '../../seed/types.js'
import type { EntitySchema, GraphObject } from '../odata/schema.js'
import { instantToZoned, resolveTimeZone, zonedToInstant } from '../timezones.js'

export const EVENT_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.event',
  resourceLabel: 'Event',
  properties: [
    'id',
    'createdDateTime',
    'lastModifiedDateTime',
    'changeKey',
    'categories',
    'transactionId',
    'originalStartTimeZone',
    'originalEndTimeZone',
    'iCalUId',
    'reminderMinutesBeforeStart',
    'isReminderOn',
    'hasAttachments',
    'subject',
    'bodyPreview',
    'importance',
    'sensitivity',
    'isAllDay',
    'isCancelled',
    'isOrganizer',
    'responseRequested',
    'seriesMasterId',
    'showAs',
    'type',
    'webLink',
    'onlineMeetingUrl',
    'isOnlineMeeting',
    'onlineMeetingProvider',
    'allowNewTimeProposals',
    'isDraft',
    'hideAttendees',
    'responseStatus',
    'body',
    'start',
    'end',
    'location',
    'locations',
    'recurrence',
    'attendees',
    'organizer',
    'onlineMeeting',
  ],
  filterable: {
    id: 'string',
    subject: 'string',
    iCalUId: 'string',
    importance: 'string',
    sensitivity: 'string',
    showAs: 'string',
    type: 'string',
    isAllDay: 'boolean',
    isCancelled: 'boolean',
    isOrganizer: 'boolean',
    isOnlineMeeting: 'boolean',
    createdDateTime: 'dateTime',
    lastModifiedDateTime: 'dateTime',
    'start/dateTime': 'string',
    'end/dateTime': 'string',
    'organizer/emailAddress/address': 'string',
    'organizer/emailAddress/name': 'string',
    'responseStatus/response': 'string',
  },
  sortable: {
    'start/dateTime': 'string',
    'end/dateTime': 'string',
    subject: 'string',
    createdDateTime: 'dateTime',
    lastModifiedDateTime: 'dateTime',
  },
}

export interface OutputZone {
  /** The name the client used (echoed in `timeZone`). */
  name: string
  iana: string
}

export const UTC_ZONE: OutputZone = { name: 'UTC', iana: 'UTC' }

/** The instants an event spans. */
export function eventSpan(event: SeedEvent): { start: number; end: number } {
  const at = (t: { dateTime: string; timeZone: string }) =>
    zonedToInstant(t.dateTime, resolveTimeZone(t.timeZone) ?? 'UTC') ?? Number.NaN
  return { start: at(event.start), end: at(event.end) }
}

export function toGraphEvent(event: SeedEvent, zone: OutputZone): GraphObject {
  const { start, end } = eventSpan(event)
  return {
    '@odata.etag': `W/"${event.changeKey}"`,
    ...event,
    start: { dateTime: instantToZoned(start, zone.iana), timeZone: zone.name },
    end: { dateTime: instantToZoned(end, zone.iana), timeZone: zone.name },
  }
}
