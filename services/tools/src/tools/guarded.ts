// Every tool failure leaves as a curated ToolError (graph/graph-errors.ts): the model reads only our
// text, naming the tool's permissions on a 403. GraphClient already maps its own failures; this also
// catches anything thrown while shaping the answer.
import { toToolError } from '../graph/graph-errors.js'
import type { ToolContext } from './tool-definition.js'

export async function guarded<T>(
  permissions: readonly string[],
  context: ToolContext,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    throw toToolError(error, { permissions, logger: context.logger, now: context.now })
  }
}
