// findMeetingTimes: meeting time suggestions from the attendees' free/busy
// (https://learn.microsoft.com/graph/api/user-findmeetingtimes).
import { z } from 'zod'
import { DAY_MS, instant, rangeProblem, utcDateTimeTimeZone } from './date-range.js'
import { emailAddress } from './email-address.js'
import { utcInstant, UTC_PREFER } from './event-fields.js'
import { guarded } from './guarded.js'
import { compact, list, record, str, type GraphRecord } from './graph-values.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const MAX_DAYS = 14
const input = z
  .object({
    attendees: z
      .array(emailAddress)
      .min(1)
      .max(20)
      .describe('Email addresses of the required attendees (1–20).'),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(480)
      .default(30)
      .describe('Meeting length in minutes (5–480).'),
    start: instant('Earliest start, ISO 8601 with offset.'),
    end: instant(`Latest end, ISO 8601 with offset; at most ${MAX_DAYS} days after start.`),
    maxCandidates: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(5)
      .describe('Suggestions to return (1–20, default 5).'),
  })
  .superRefine((v, ctx) => {
    const problem = rangeProblem(v.start, v.end, MAX_DAYS * DAY_MS, `${MAX_DAYS} days`)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['end'] })
    else if (Date.parse(v.end) - Date.parse(v.start) < v.durationMinutes * 60_000) {
      ctx.addIssue({ code: 'custom', message: 'the window is shorter than the meeting', path: ['end'] })
    }
  })
const suggestion = z.object({
  start: z.string().optional(),
  end: z.string().optional(),
  confidence: z.number().optional(),
  organizerAvailability: z.string().optional(),
  unavailable: z.array(z.string()).optional().describe('Attendees not free for this slot.'),
})
const output = listOutput(suggestion)
const permissions = PERMISSIONS.findMeetingTimes

export const findMeetingTimes: ToolDefinition<typeof input, typeof output> = {
  name: 'findMeetingTimes',
  title: 'Find meeting times',
  description:
    'Suggests times when the signed-in user and the attendees are free, within a window. Times are UTC.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: (args, context) =>
    guarded(permissions, context, async () => {
      const body = {
        attendees: args.attendees.map((address) => ({ type: 'required', emailAddress: { address } })),
        timeConstraint: {
          activityDomain: 'work',
          timeSlots: [
            {
              start: utcDateTimeTimeZone(args.start),
              end: utcDateTimeTimeZone(args.end),
            },
          ],
        },
        meetingDuration: `PT${args.durationMinutes}M`,
        maxCandidates: args.maxCandidates,
        returnSuggestionReasons: true,
      }
      const raw = await context.graph.post<GraphRecord>('/me/findMeetingTimes', body, {
        headers: { Prefer: UTC_PREFER },
        permissions,
      })
      const suggestions = list(raw.meetingTimeSuggestions).map((value) => {
        const s = record(value)
        const slot = record(s.meetingTimeSlot)
        const unavailable = list(s.attendeeAvailability)
          .map(record)
          .filter((a) => a.availability !== 'free')
          .map((a) => str(record(record(a.attendee).emailAddress).address))
          .filter((a): a is string => a !== undefined)
        return compact({
          start: utcInstant(slot.start),
          end: utcInstant(slot.end),
          confidence: typeof s.confidence === 'number' ? s.confidence : undefined,
          organizerAvailability: str(s.organizerAvailability),
          unavailable: unavailable.length > 0 ? unavailable : undefined,
        })
      })
      const reason = str(raw.emptySuggestionsReason)
      return listResult(context, {
        items: suggestions,
        // No cursor: suggestions come from a POST computed from the attendees' free/busy at the
        // time of the call, not a page that can be fetched again, so a resume position could skip
        // or repeat a slot. The note says what to ask instead.
        withoutCursor:
          'Suggestions have no cursor; the best ranked are shown. Ask with a narrower window to see other times.',
        line: (s) =>
          `${s.start ?? '?'} – ${s.end ?? '?'}` +
          (s.confidence === undefined ? '' : ` (confidence ${Math.round(s.confidence)}%)`) +
          (s.unavailable ? `; not free: ${s.unavailable.join(', ')}` : ''),
        empty: `No suitable time found${reason ? ` (${reason})` : ''}.`,
        heading: (n) => `${n} suggestion(s), times in UTC:`,
      })
    }),
}
