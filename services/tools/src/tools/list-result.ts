// The result of a listing tool: the items that fit the size budget, a line of text per item, the
// cursor to continue and, when the budget cut the page, a note saying so (never silent truncation).
import { z } from 'zod'
import { budgetNote, fitItems } from '../graph/size-budget.js'
import type { ToolContext, ToolResult } from './tool-definition.js'

export function listOutput<S extends z.ZodType>(item: S) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().optional().describe('Pass as `cursor` to get the next page.'),
    note: z.string().optional().describe('Set when the size limit cut the result.'),
  })
}

export interface ListOutput<T> {
  items: T[]
  nextCursor?: string | undefined
  note?: string | undefined
}

export interface ListResultInput<T> {
  items: readonly T[]
  nextCursor: string | undefined
  line: (item: T) => string
  /** Text when there is nothing to list. */
  empty: string
  /** Text before the lines, e.g. "3 users:". */
  heading?: (shown: number) => string
}

// Room kept for the heading, the note and the cursor line around the items.
const FRAME_BYTES = 600

export function listResult<T>(context: ToolContext, input: ListResultInput<T>): ToolResult<ListOutput<T>> {
  const fit = fitItems(input.items, Math.max(0, context.maxResultBytes - FRAME_BYTES))
  const note = budgetNote({ shown: fit.items.length, omitted: fit.omitted, nextCursor: input.nextCursor })
  const lines: string[] = []
  if (fit.items.length === 0 && fit.omitted === 0) lines.push(input.empty)
  else {
    if (input.heading) lines.push(input.heading(fit.items.length))
    lines.push(...fit.items.map(input.line))
  }
  if (note !== undefined) lines.push(note)
  if (input.nextCursor !== undefined) lines.push(`More results: pass cursor "${input.nextCursor}".`)
  return {
    text: lines.join('\n'),
    structured: {
      items: fit.items,
      ...(input.nextCursor === undefined ? {} : { nextCursor: input.nextCursor }),
      ...(note === undefined ? {} : { note }),
    },
  }
}
