// Keeps a tool result within a size budget instead of flooding the model's context: whole items are
// kept while they fit, long text is cut at a character boundary, and a note says what was left out
// and how to continue (the cursor, or a smaller page). Sizes are UTF-8 bytes of the JSON the model
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
  /** The cursor that continues after the shown page, when there is one. */
  nextCursor?: string | undefined
}

/** The note the model reads when a result was cut; undefined when nothing was. */
export function budgetNote(input: BudgetNoteInput): string | undefined {
  if (input.omitted <= 0) return undefined
  const continuation =
    input.nextCursor === undefined
      ? 'Ask again with a smaller page size or a narrower query to see the rest.'
      : 'Ask again with a smaller page size to see them; pass nextCursor to continue after this page.'
  return `Result cut to fit the size limit: showing ${input.shown} items, ${input.omitted} more were left out. ${continuation}`
}
