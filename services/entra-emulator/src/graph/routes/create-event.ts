// POST /me/events (https://learn.microsoft.com/graph/api/user-post-events): validates a Graph event,
// stores it in the organizer's calendar for the rest of the run, sends the invitation into each
// seeded attendee's calendar (a copy with its own id, same iCalUId, not yet responded), and answers
// 201 with the event in the time zone the request used.
import { createHash } from 'node:crypto'
import type { FastifyPluginCallback } from 'fastify'
import { z } from 'zod'
import type { GraphAttendee, GraphLocation, SeedEvent, SeedUser } from '../../seed/types.js'
import {
  dateTimeTimeZoneBody,
  emailAddressBody,
  graphEnum,
  itemBodyBody,
  parseBody,
  SMTP_ADDRESS,
} from '../body.js'
import type { GraphContext } from '../context.js'
import { toGraphEvent } from '../entities/event.js'
import { GraphError } from '../errors.js'
import { principalOf, sendJson, serviceRoot } from '../request-context.js'
import { instantToZoned, resolveTimeZone, zonedToInstant } from '../timezones.js'
import type { GraphRouteOptions } from './options.js'

const locationBody = z.strictObject({
  displayName: z.string().max(255).optional(),
  locationType: graphEnum([
    'default',
    'conferenceRoom',
    'homeAddress',
    'businessAddress',
  ] as const).optional(),
  uniqueId: z.string().optional(),
  uniqueIdType: graphEnum(['unknown', 'locationStore', 'directory', 'private', 'bing'] as const).optional(),
  locationEmailAddress: z.string().optional(),
  locationUri: z.string().optional(),
  address: z.record(z.string(), z.string().nullable()).optional(),
  coordinates: z.record(z.string(), z.number().nullable()).optional(),
})

const eventBody = z.strictObject({
  subject: z.string().max(255).optional(),
  body: itemBodyBody.optional(),
  start: dateTimeTimeZoneBody,
  end: dateTimeTimeZoneBody,
  location: locationBody.optional(),
  locations: z.array(locationBody).max(20).optional(),
  attendees: z
    .array(
      z.strictObject({
        emailAddress: emailAddressBody,
        type: graphEnum(['required', 'optional', 'resource'] as const).optional(),
      }),
    )
    .max(500)
    .optional(),
  isAllDay: z.boolean().optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: graphEnum([
    'unknown',
    'teamsForBusiness',
    'skypeForBusiness',
    'skypeForConsumer',
  ] as const).optional(),
  showAs: graphEnum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const).optional(),
  importance: graphEnum(['low', 'normal', 'high'] as const).optional(),
  sensitivity: graphEnum(['normal', 'personal', 'private', 'confidential'] as const).optional(),
  categories: z.array(z.string()).max(50).optional(),
  reminderMinutesBeforeStart: z.number().int().min(0).optional(),
  isReminderOn: z.boolean().optional(),
  responseRequested: z.boolean().optional(),
  allowNewTimeProposals: z.boolean().optional(),
  hideAttendees: z.boolean().optional(),
  transactionId: z.string().max(255).optional(),
  recurrence: z.null().optional(),
})

type EventInput = z.output<typeof eventBody>

const NO_RESPONSE_TIME = '0001-01-01T00:00:00Z'
/** Class id of Outlook's global object id, the prefix of every iCalUId (MS-OXOCAL §2.2.1.27). */
const ICAL_PREFIX = '040000008200E00074C5B7101A82E00800000000'

const isoTicks = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}.0000000Z`

function instant(t: EventInput['start'], which: 'Start' | 'End'): { ms: number; zone: string } {
  const zone = t.timeZone ?? 'UTC'
  const iana = resolveTimeZone(zone)
  if (!iana) {
    throw new GraphError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${zone}'.`,
    )
  }
  const ms = zonedToInstant(t.dateTime, iana)
  if (ms === undefined) {
    throw new GraphError(
      400,
      'RequestBodyRead',
      `Cannot convert the literal '${t.dateTime}' to the expected type 'Edm.DateTime' (${which}).`,
    )
  }
  return { ms, zone }
}

function toLocation(input: z.output<typeof locationBody> | undefined): GraphLocation {
  const displayName = input?.displayName ?? ''
  return {
    displayName,
    locationType: input?.locationType ?? 'default',
    uniqueId: input?.uniqueId ?? (displayName === '' ? null : displayName),
    uniqueIdType: input?.uniqueIdType ?? (displayName === '' ? 'unknown' : 'private'),
  }
}

function buildEvents(ctx: GraphContext, organizer: SeedUser, input: EventInput) {
  const start = instant(input.start, 'Start')
  const end = instant(input.end, 'End')
  if (end.ms < start.ms) {
    throw new GraphError(
      400,
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'The end date you entered occurs before the start date.',
    )
  }
  if (
    input.isAllDay &&
    (!/T00:00(:00(\.0+)?)?$/.test(input.start.dateTime) ||
      !/T00:00(:00(\.0+)?)?$/.test(input.end.dateTime) ||
      end.ms === start.ms)
  ) {
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      'An all-day event must start and end at midnight and last at least one day.',
    )
  }
  const attendees: GraphAttendee[] = (input.attendees ?? []).map((a) => {
    if (!SMTP_ADDRESS.test(a.emailAddress.address)) {
      throw new GraphError(
        400,
        'ErrorInvalidRecipients',
        `At least one recipient isn't valid., Recipient '${a.emailAddress.address}' isn't resolved.`,
      )
    }
    return {
      type: a.type ?? 'required',
      status: { response: 'none', time: NO_RESPONSE_TIME },
      emailAddress: { name: a.emailAddress.name ?? a.emailAddress.address, address: a.emailAddress.address },
    }
  })
  const now = ctx.now()
  const online = input.isOnlineMeeting ?? false
  const joinUrl = online
    ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${ctx.newGuid().replace(/-/g, '')}%40thread.v2/0`
    : null
  const location = toLocation(input.location ?? input.locations?.[0])
  const body = { contentType: input.body?.contentType ?? 'html', content: input.body?.content ?? '' }
  const iCalUId =
    ICAL_PREFIX + createHash('sha256').update(ctx.newGuid()).digest('hex').slice(0, 72).toUpperCase()
  const common = {
    createdDateTime: isoTicks(now),
    lastModifiedDateTime: isoTicks(now),
    categories: input.categories ?? [],
    transactionId: input.transactionId ?? null,
    originalStartTimeZone: start.zone,
    originalEndTimeZone: end.zone,
    iCalUId,
    reminderMinutesBeforeStart: input.reminderMinutesBeforeStart ?? 15,
    isReminderOn: input.isReminderOn ?? true,
    hasAttachments: false,
    subject: input.subject ?? '',
    bodyPreview: body.content
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 255),
    importance: input.importance ?? 'normal',
    sensitivity: input.sensitivity ?? 'normal',
    isAllDay: input.isAllDay ?? false,
    isCancelled: false,
    responseRequested: input.responseRequested ?? true,
    seriesMasterId: null,
    type: 'singleInstance' as const,
    onlineMeetingUrl: null,
    isOnlineMeeting: online,
    onlineMeetingProvider: input.onlineMeetingProvider ?? (online ? 'teamsForBusiness' : 'unknown'),
    allowNewTimeProposals: input.allowNewTimeProposals ?? true,
    isDraft: false,
    hideAttendees: input.hideAttendees ?? false,
    body,
    // Stored in UTC; responses convert to the zone asked for.
    start: { dateTime: instantToZoned(start.ms, 'UTC'), timeZone: 'UTC' },
    end: { dateTime: instantToZoned(end.ms, 'UTC'), timeZone: 'UTC' },
    location,
    locations: location.displayName === '' ? [] : [location],
    recurrence: null,
    attendees,
    organizer: { emailAddress: { name: organizer.displayName, address: organizer.mail } },
    onlineMeeting: joinUrl ? { joinUrl } : null,
  }
  const make = (isOrganizer: boolean): SeedEvent => {
    const id = ctx.newItemId()
    return {
      ...common,
      id,
      changeKey: createHash('sha256').update(id).digest().subarray(0, 16).toString('base64'),
      isOrganizer,
      showAs: isOrganizer ? (input.showAs ?? 'busy') : 'tentative',
      responseStatus: isOrganizer
        ? { response: 'organizer', time: NO_RESPONSE_TIME }
        : { response: 'notResponded', time: NO_RESPONSE_TIME },
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    }
  }
  return { organizerCopy: make(true), attendeeCopy: () => make(false), attendees, zone: start.zone }
}

export const createEventRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  app.post('/me/events', { config: { permission: 'calendarWrite' } }, (request, reply) => {
    const { user } = principalOf(request)
    const input = parseBody(eventBody, request.body, 'microsoft.graph.event')
    const built = buildEvents(ctx, user, input)
    ctx.store.addEvent(user.id, built.organizerCopy)
    const invited = new Set([user.id])
    for (const a of built.attendees) {
      const attendee = ctx.store.userByAddress(a.emailAddress.address)
      if (!attendee || invited.has(attendee.id)) continue
      invited.add(attendee.id)
      ctx.store.addEvent(attendee.id, built.attendeeCopy())
    }
    const root = serviceRoot(request)
    const id = built.organizerCopy.id
    const zoneName = built.zone
    const iana = resolveTimeZone(zoneName) ?? 'UTC'
    reply.header('location', `${root}/Users('${user.id}')/Events('${id}')`)
    return sendJson(reply, 201, {
      '@odata.context': `${root}/$metadata#users('${user.id}')/events/$entity`,
      ...toGraphEvent(built.organizerCopy, { name: zoneName, iana }),
    })
  })
  done()
}
