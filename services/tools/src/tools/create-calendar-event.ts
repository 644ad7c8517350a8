// createCalendarEvent: a new event in the signed-in user's calendar; Graph sends invitations to the
// attendees (https://learn.microsoft.com/graph/api/user-post-events). A write tool.
import { z } from 'zod'
import { DAY_MS, instant, rangeProblem, utcDateTimeTimeZone } from './date-range.js'
import { emailAddress } from './email-address.js'
import { eventLine, eventSchema, toEvent, UTC_PREFER } from './event-fields.js'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const MAX_DAYS = 14
const input = z
  .object({
    subject: z.string().trim().min(1).max(255).describe('The event title.'),
    start: instant('Start, ISO 8601 with offset, e.g. 2026-11-26T14:00:00+01:00.'),
    end: instant(`End, ISO 8601 with offset; after start, at most ${MAX_DAYS} days later.`),
    attendees: z.array(emailAddress).max(100).default([]).describe('Email addresses to invite (0–100).'),
    body: z.string().max(20_000).optional().describe('Plain-text description of the event.'),
    location: z.string().trim().max(255).optional().describe('Where the event takes place.'),
  })
  .superRefine((v, ctx) => {
    const problem = rangeProblem(v.start, v.end, MAX_DAYS * DAY_MS, `${MAX_DAYS} days`)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['end'] })
  })
const permissions = PERMISSIONS.calendarWrite

export const createCalendarEvent: ToolDefinition<typeof input, typeof eventSchema> = {
  name: 'createCalendarEvent',
  title: 'Create a calendar event',
  description:
    "Creates an event in the signed-in user's calendar and sends invitations to the attendees. Times are returned in UTC.",
  input,
  output: eventSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  permissions,
  write: true,
  handler: (args, context) =>
    guarded(permissions, context, async () => {
      const body = {
        subject: args.subject,
        start: utcDateTimeTimeZone(args.start),
        end: utcDateTimeTimeZone(args.end),
        attendees: args.attendees.map((address) => ({ type: 'required', emailAddress: { address } })),
        ...(args.body === undefined ? {} : { body: { contentType: 'text', content: args.body } }),
        ...(args.location === undefined || args.location === ''
          ? {}
          : { location: { displayName: args.location } }),
      }
      const raw = await context.graph.post<GraphRecord>('/me/events', body, {
        headers: { Prefer: UTC_PREFER },
        permissions,
      })
      const event = toEvent(raw)
      const invited = args.attendees.length > 0 ? ` Invitations sent to ${args.attendees.join(', ')}.` : ''
      return { text: `Created: ${eventLine(event)}.${invited}`, structured: event }
    }),
}
