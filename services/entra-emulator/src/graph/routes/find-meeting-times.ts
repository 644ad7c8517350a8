// POST /me/findMeetingTimes (https://learn.microsoft.com/graph/api/user-findmeetingtimes): meeting
// time suggestions from the seeded calendars' free/busy. Without a timeConstraint the next two days
// are searched; meetingDuration defaults to 30 minutes; suggestions come in time order with
// `emptySuggestionsReason` explaining an empty list.
import type { FastifyPluginCallback } from 'fastify'
import { z } from 'zod'
import { dateTimeTimeZoneBody, emailAddressBody, graphEnum, parseBody } from '../body.js'
import { GraphError } from '../errors.js'
import { principalOf, sendJson, serviceRoot } from '../request-context.js'
import {
  attendanceChance,
  availability,
  candidateStarts,
  parseDuration,
  withinWorkingHours,
} from '../scheduling.js'
import type { Availability } from '../scheduling.js'
import { instantToZoned, resolveTimeZone, zonedToInstant } from '../timezones.js'
import { outputZone } from './calendar.js'
import type { GraphRouteOptions } from './options.js'

const DEFAULT_SEARCH_MS = 2 * 24 * 60 * 60_000
const DEFAULT_DURATION_MS = 30 * 60_000

const findMeetingTimesBody = z.strictObject({
  attendees: z
    .array(
      z.strictObject({
        type: graphEnum(['required', 'optional', 'resource'] as const).optional(),
        emailAddress: emailAddressBody,
      }),
    )
    .max(100)
    .optional(),
  locationConstraint: z
    .strictObject({
      isRequired: z.boolean().optional(),
      suggestLocation: z.boolean().optional(),
      locations: z
        .array(
          z.strictObject({
            displayName: z.string(),
            locationEmailAddress: z.string().optional(),
            resolveAvailability: z.boolean().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  timeConstraint: z
    .strictObject({
      activityDomain: graphEnum(['work', 'personal', 'unrestricted', 'unknown'] as const).optional(),
      timeSlots: z
        .array(z.strictObject({ start: dateTimeTimeZoneBody, end: dateTimeTimeZoneBody }))
        .min(1)
        .max(50),
    })
    .optional(),
  meetingDuration: z.string().optional(),
  maxCandidates: z.number().int().min(1).max(1000).optional(),
  isOrganizerOptional: z.boolean().optional(),
  returnSuggestionReasons: z.boolean().optional(),
  minimumAttendeePercentage: z.number().min(0).max(100).optional(),
})

function toInstant(t: { dateTime: string; timeZone?: string | undefined }): { ms: number; iana: string } {
  const name = t.timeZone ?? 'UTC'
  const iana = resolveTimeZone(name)
  if (!iana) {
    throw new GraphError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
    )
  }
  const ms = zonedToInstant(t.dateTime, iana)
  if (ms === undefined)
    throw new GraphError(
      400,
      'RequestBodyRead',
      `Cannot convert the literal '${t.dateTime}' to the expected type 'Edm.DateTime'.`,
    )
  return { ms, iana }
}

export const findMeetingTimesRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  app.post('/me/findMeetingTimes', { config: { permission: 'findMeetingTimes' } }, (request, reply) => {
    const { user } = principalOf(request)
    const input = parseBody(findMeetingTimesBody, request.body ?? {}, 'microsoft.graph.findMeetingTimes')
    const durationMs =
      input.meetingDuration === undefined ? DEFAULT_DURATION_MS : parseDuration(input.meetingDuration)
    if (durationMs === undefined) {
      throw new GraphError(
        400,
        'RequestBodyRead',
        `Cannot convert the literal '${input.meetingDuration}' to the expected type 'Edm.Duration'.`,
      )
    }
    const now = ctx.now()
    const work = (input.timeConstraint?.activityDomain ?? 'work') === 'work'
    const windows = input.timeConstraint
      ? input.timeConstraint.timeSlots.map((s) => {
          const start = toInstant(s.start)
          return { start: start.ms, end: toInstant(s.end).ms, zone: start.iana }
        })
      : [{ start: now, end: now + DEFAULT_SEARCH_MS, zone: 'UTC' }]

    const attendees = (input.attendees ?? []).map((a) => {
      const seeded = ctx.store.userByAddress(a.emailAddress.address)
      return {
        type: a.type ?? 'required',
        address: a.emailAddress.address,
        events: seeded ? ctx.store.events(seeded.id) : undefined,
      }
    })
    const organizerEvents = ctx.store.events(user.id)
    const organizerRequired = !(input.isOrganizerOptional ?? false)
    const minimum = input.minimumAttendeePercentage ?? 50
    const zone = outputZone(request, reply)

    type Suggestion = { start: number; confidence: number; organizer: Availability; each: Availability[] }
    const suggestions: Suggestion[] = []
    let candidates = 0
    let organizerBlocked = 0
    for (const w of windows) {
      for (const start of candidateStarts(w, durationMs, now)) {
        if (work && !withinWorkingHours(start, durationMs, w.zone)) continue
        candidates++
        const end = start + durationMs
        const organizer = availability(organizerEvents, start, end)
        const each = attendees.map((a) => availability(a.events, start, end))
        let chance = organizerRequired ? attendanceChance(organizer) : 1
        if (chance === 0) organizerBlocked++
        attendees.forEach((a, i) => {
          if (a.type === 'required') chance *= attendanceChance(each[i] as Availability)
        })
        const confidence = Math.round(chance * 100)
        if (confidence > 0 && confidence >= minimum) suggestions.push({ start, confidence, organizer, each })
      }
    }
    suggestions.sort((a, b) => a.start - b.start)
    const chosen = suggestions.slice(0, input.maxCandidates ?? 20)

    let emptySuggestionsReason = ''
    if (chosen.length === 0) {
      if (candidates === 0) emptySuggestionsReason = 'unknown'
      else if (organizerRequired && organizerBlocked === candidates)
        emptySuggestionsReason = 'organizerUnavailable'
      else
        emptySuggestionsReason = attendees.some((a) => !a.events)
          ? 'attendeesUnavailableOrUnknown'
          : 'attendeesUnavailable'
    }
    const locations = (input.locationConstraint?.locations ?? []).map((l) => ({
      displayName: l.displayName,
      locationEmailAddress: l.locationEmailAddress ?? '',
    }))
    const at = (ms: number) => ({ dateTime: instantToZoned(ms, zone.iana), timeZone: zone.name })
    return sendJson(reply, 200, {
      '@odata.context': `${serviceRoot(request)}/$metadata#microsoft.graph.meetingTimeSuggestionsResult`,
      emptySuggestionsReason,
      meetingTimeSuggestions: chosen.map((s) => ({
        confidence: s.confidence,
        organizerAvailability: s.organizer,
        ...(input.returnSuggestionReasons
          ? {
              suggestionReason:
                s.confidence === 100
                  ? 'Suggested because it is one of the nearest times when all attendees are available.'
                  : 'Suggested because it is one of the nearest times when most attendees are available.',
            }
          : {}),
        meetingTimeSlot: { start: at(s.start), end: at(s.start + durationMs) },
        attendeeAvailability: attendees.map((a, i) => ({
          attendee: { type: a.type, emailAddress: { address: a.address } },
          availability: s.each[i],
        })),
        locations,
      })),
    })
  })
  done()
}
