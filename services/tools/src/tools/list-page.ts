// One page of a Graph collection for a listing tool: the first page from `path`, or the page an
// opaque cursor points at. Cursors are sealed to the user and the tool (graph/cursor.ts), so a
// cursor from another tool or user, or an edited one, is refused as bad_request.
import { openCursor, sealCursor, type CursorBinding } from '../graph/cursor.js'
import type { GraphRequestOptions } from '../graph/graph-client.js'
import type { ToolContext } from './tool-definition.js'

export interface ListPageRequest {
  tool: string
  path: string
  options: GraphRequestOptions
  cursor?: string | undefined
}

export interface ListPage<T> {
  value: T[]
  nextCursor: string | undefined
}

export function cursorBinding(context: ToolContext, tool: string): CursorBinding {
  return { key: context.cursorKeys, userId: context.user.sub, tool, graphBaseUrl: context.graphBaseUrl }
}

export async function readListPage<T>(context: ToolContext, request: ListPageRequest): Promise<ListPage<T>> {
  const binding = cursorBinding(context, request.tool)
  const target = request.cursor === undefined ? request.path : openCursor(request.cursor, binding)
  // A nextLink carries the query already; headers (ConsistencyLevel, Prefer) and permissions stay.
  const page = await context.graph.getPage<T>(target, request.options)
  return {
    value: page.value,
    nextCursor: page.nextLink === undefined ? undefined : sealCursor(page.nextLink, binding),
  }
}
