// Keeps a tool result within a size budget instead of flooding the model's context: whole items are
// kept while they fit, long text is cut at a character boundary, and a note says what was left out
// and how to continue (a cursor that resumes at the first item left out, or what to ask instead where
// a result cannot be continued). Sizes are UTF-8 bytes of the JSON the model
// will receive, the unit transports and context limits care about.

export interface FitResult<T> {
  items: T[]
  /** Items left out because the budget was reached. */
  omitted: number
}

/** The longest prefix of `items` whose JSON array fits in `maxBytes`. */
export function fitItems<T>(items: readonly T[], maxBytes: number): FitResult<T> {
  let used = 2 // the array's brackets
  const kept: T[] = []
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item) ?? 'null', 'utf8') + (kept.length > 0 ? 1 : 0)
    if (used + size > maxBytes) break
    used += size
    kept.push(item)
  }
  return { items: kept, omitted: items.length - kept.length }
}

export interface CutText {
  text: string
  truncated: boolean
}

/** `text` cut to at most `maxBytes` UTF-8 bytes, never splitting a character. */
export function cutText(text: string, maxBytes: number): CutText {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return { text, truncated: false }
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8')
    if (bytes + size > maxBytes) break
    bytes += size
    end += char.length
  }
  return { text: text.slice(0, end), truncated: true }
}

export interface BudgetNoteInput {
  shown: number
  omitted: number
  /** The cursor that continues with the first item left out, when the result can be continued. */
  nextCursor?: string | undefined
  /** Without a cursor: what to ask instead to see the rest (default: a narrower query). */
  withoutCursor?: string | undefined
}

/** The note the model reads when a result was cut; undefined when nothing was. */
export function budgetNote(input: BudgetNoteInput): string | undefined {
  if (input.omitted <= 0) return undefined
  const continuation =
    input.nextCursor === undefined
      ? (input.withoutCursor ?? 'Ask again with a narrower query to see the rest.')
      : 'Pass nextCursor as cursor to continue with the first item left out; nothing is skipped.'
  return `Result cut to fit the size limit: showing ${input.shown} items, ${input.omitted} more were left out. ${continuation}`
}
