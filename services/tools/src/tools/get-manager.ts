// getManager: the signed-in user's manager (https://learn.microsoft.com/graph/api/user-list-manager).
import { z } from 'zod'
import { isToolError } from '../graph/tool-error.js'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'
import { toUser, userLine, userSchema, USER_SELECT } from './user-fields.js'

const input = z.object({})
const output = z.object({ manager: userSchema.optional().describe('Absent when the user has no manager.') })
const permissions = PERMISSIONS.manager

export const getManager: ToolDefinition<typeof input, typeof output> = {
  name: 'getManager',
  title: 'My manager',
  description: "The signed-in user's manager: name, email, job title, department.",
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: (_input, context) =>
    guarded(permissions, context, async () => {
      try {
        const raw = await context.graph.get<GraphRecord>('/me/manager', {
          query: { $select: USER_SELECT },
          permissions,
        })
        const manager = toUser(raw)
        return { text: `Manager: ${userLine(manager)}`, structured: { manager } }
      } catch (error) {
        // Graph answers 404 when no manager is set: an answer, not a failure.
        if (isToolError(error, 'not_found'))
          return { text: 'No manager is set for this user.', structured: {} }
        throw error
      }
    }),
}
