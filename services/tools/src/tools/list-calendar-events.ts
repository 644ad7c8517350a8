// listCalendarEvents: the signed-in user's events overlapping a window, recurring occurrences
// expanded (https://learn.microsoft.com/graph/api/user-list-calendarview), ordered by start.
import { z } from 'zod'
import { DAY_MS, instant, rangeProblem, toUtcIso } from './date-range.js'
import { EVENT_SELECT, eventLine, eventSchema, toEvent, UTC_PREFER } from './event-fields.js'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const NAME = 'listCalendarEvents'
const MAX_DAYS = 31
const input = z
  .object({
    start: instant('Window start, ISO 8601 with offset, e.g. 2026-11-23T00:00:00Z.'),
    end: instant(`Window end, ISO 8601 with offset; at most ${MAX_DAYS} days after start.`),
    pageSize: z.number().int().min(1).max(50).default(25).describe('Events per page (1–50, default 25).'),
    cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
  })
  .superRefine((v, ctx) => {
    const problem = rangeProblem(v.start, v.end, MAX_DAYS * DAY_MS, `${MAX_DAYS} days`)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, path: ['end'] })
  })
const output = listOutput(eventSchema)
const permissions = PERMISSIONS.calendarRead

export const listCalendarEvents: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'List calendar events',
  description: `The signed-in user's calendar events between two date-times (at most ${MAX_DAYS} days), ordered by start. Times are UTC.`,
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ start, end, pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: '/me/calendarView',
        options: {
          query: {
            startDateTime: toUtcIso(start),
            endDateTime: toUtcIso(end),
            $orderby: 'start/dateTime',
            $top: pageSize,
            $select: EVENT_SELECT,
          },
          headers: { Prefer: UTC_PREFER },
          permissions,
        },
        cursor,
      })
      return listResult(context, {
        items: page.value.map(toEvent),
        paging: page.paging,
        line: eventLine,
        empty: 'No events in this window.',
        heading: (n) => `${n} event(s), times in UTC:`,
      })
    }),
}
