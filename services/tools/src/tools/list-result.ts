// The result of a listing tool: the items that fit the size budget, a line of text per item, the
// cursor to continue and, when the budget cut the page, a note saying so (never silent truncation).
//
// Nothing is lost to the budget: when a page is cut, nextCursor resumes inside that same page (its
// link and the number of its items shown so far, graph/cursor.ts); opening it fetches the page again
// and drops the items already shown, and the rest may be cut again. Only when a page was shown to
// its end does nextCursor move on to Graph's nextLink, and a cut last page still gets a cursor.
// Following nextCursor to the end thus shows every item once, in order, as long as the collection
// does not change between the calls (a new item in an ordered page shifts it, exactly as it shifts
// Graph's own `$skip`-based nextLinks). `skip` counts the tool's items (after any filtering the tool
// does, e.g. listMyGroups keeping only groups), which the same page gives again in the same order.
import { z } from 'zod'
import { sealCursor } from '../graph/cursor.js'
import { budgetNote, fitItems, type FitResult } from '../graph/size-budget.js'
import type { ListPaging } from './list-page.js'
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
  /** Every item of the page as the tool lists it, including those a cursor's skip already showed. */
  items: readonly T[]
  /** The page's position (readListPage); absent for a result that cannot be continued by cursor. */
  paging?: ListPaging | undefined
  /** Without paging: what to ask instead when the budget cuts the result. */
  withoutCursor?: string | undefined
  line: (item: T) => string
  /** Text when there is nothing to list. */
  empty: string
  /** Text before the lines, e.g. "3 users:". */
  heading?: (shown: number) => string
}

// Room kept for the heading, the note and the cursor line around the items.
const FRAME_BYTES = 600

export function listResult<T>(context: ToolContext, input: ListResultInput<T>): ToolResult<ListOutput<T>> {
  const skip = input.paging?.skip ?? 0
  const fit = fitAtLeastOne(input.items.slice(skip), Math.max(0, context.maxResultBytes - FRAME_BYTES))
  const nextCursor = continuation(input.paging, skip + fit.items.length, fit.omitted)
  const note = budgetNote({
    shown: fit.items.length,
    omitted: fit.omitted,
    nextCursor,
    withoutCursor: input.withoutCursor,
  })
  const lines: string[] = []
  if (fit.items.length === 0 && fit.omitted === 0) lines.push(input.empty)
  else {
    if (input.heading) lines.push(input.heading(fit.items.length))
    lines.push(...fit.items.map(input.line))
  }
  if (note !== undefined) lines.push(note)
  if (nextCursor !== undefined) lines.push(`More results: pass cursor "${nextCursor}".`)
  return {
    text: lines.join('\n'),
    structured: {
      items: fit.items,
      ...(nextCursor === undefined ? {} : { nextCursor }),
      ...(note === undefined ? {} : { note }),
    },
  }
}

/**
 * The items that fit, but never none while some remain: a resume cursor at an item too large for
 * the budget on its own would point at that same item forever. Such an item (its fields are bounded
 * by `$select`, so it is at most a few KB) is shown alone, over the budget.
 */
function fitAtLeastOne<T>(items: readonly T[], maxBytes: number): FitResult<T> {
  const fit = fitItems(items, maxBytes)
  if (fit.items.length > 0 || items.length === 0) return fit
  return { items: items.slice(0, 1), omitted: items.length - 1 }
}

/** Resume inside the page when it was cut, else its nextLink, else nothing. */
function continuation(paging: ListPaging | undefined, shown: number, omitted: number): string | undefined {
  if (paging === undefined) return undefined
  if (omitted > 0) return sealCursor({ link: paging.link, skip: shown }, paging.binding)
  if (paging.nextLink !== undefined) return sealCursor({ link: paging.nextLink, skip: 0 }, paging.binding)
  return undefined
}
