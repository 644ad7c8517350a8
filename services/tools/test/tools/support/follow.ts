// Calls a listing tool, then again with each nextCursor until there is none, keeping every result.
import type { ToolContext, ToolDefinition } from '../../../src/tools/tool-definition.js'
import type { ListOutput } from '../../../src/tools/list-result.js'
import { runTool } from './tools-harness.js'

export interface Followed<T> {
  items: T[]
  /** Each call's structured result, in order. */
  calls: ListOutput<T>[]
}

export async function followCursors<T>(
  tool: ToolDefinition,
  args: Record<string, unknown>,
  context: ToolContext,
  maxCalls = 500,
): Promise<Followed<T>> {
  const calls: ListOutput<T>[] = []
  let cursor: string | undefined
  do {
    const result = await runTool(tool, { ...args, ...(cursor === undefined ? {} : { cursor }) }, context)
    const structured = result.structured as unknown as ListOutput<T>
    calls.push(structured)
    cursor = structured.nextCursor
  } while (cursor !== undefined && calls.length < maxCalls)
  if (cursor !== undefined) throw new Error(`still a cursor after ${maxCalls} calls`)
  return { items: calls.flatMap((c) => c.items), calls }
}
