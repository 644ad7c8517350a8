// One page of a Graph collection for a listing tool: the first page from `path`, or the page an
// opaque cursor points at. Cursors are sealed to the user and the tool (graph/cursor.ts), so a
// cursor from another tool or user, or an edited one, is refused as bad_request. The page comes
// with its paging position, which listResult (list-result.ts) turns into the next cursor.
import { openCursor, type CursorBinding } from '../graph/cursor.js'
import type { GraphRequestOptions } from '../graph/graph-client.js'
import type { ToolContext } from './tool-definition.js'

export interface ListPageRequest {
  tool: string
  path: string
  options: GraphRequestOptions
  cursor?: string | undefined
}

/** Where a page lies in its collection, and how to continue within it or past it. */
export interface ListPaging {
  binding: CursorBinding
  /** The absolute Graph URL the page was fetched from; fetching it again gives the same page. */
  link: string
  /** Items of this page shown by earlier calls (a cursor that resumes inside a cut page). */
  skip: number
  /** Graph's `@odata.nextLink`: the page after this one. */
  nextLink: string | undefined
}

export interface ListPage<T> {
  /** Every item of the Graph page, including any `paging.skip` already shown. */
  value: T[]
  paging: ListPaging
}

export function cursorBinding(context: ToolContext, tool: string): CursorBinding {
  return { key: context.cursorKeys, userId: context.user.sub, tool, graphBaseUrl: context.graphBaseUrl }
}

export async function readListPage<T>(context: ToolContext, request: ListPageRequest): Promise<ListPage<T>> {
  const binding = cursorBinding(context, request.tool)
  const position = request.cursor === undefined ? undefined : openCursor(request.cursor, binding)
  // A link carries the query already; headers (ConsistencyLevel, Prefer) and permissions stay.
  const page = await context.graph.getPage<T>(position?.link ?? request.path, request.options)
  return {
    value: page.value,
    paging: { binding, link: page.link, skip: position?.skip ?? 0, nextLink: page.nextLink },
  }
}
