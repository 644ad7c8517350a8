// getUserProfile: the signed-in user's own profile (https://learn.microsoft.com/graph/api/user-get).
import { z } from 'zod'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'
import { toUser, userLine, userSchema, USER_SELECT } from './user-fields.js'

const input = z.object({})
const permissions = PERMISSIONS.me

export const getUserProfile: ToolDefinition<typeof input, typeof userSchema> = {
  name: 'getUserProfile',
  title: 'My profile',
  description:
    "The signed-in user's Microsoft 365 profile: name, email, job title, department, office, phone.",
  input,
  output: userSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: (_input, context) =>
    guarded(permissions, context, async () => {
      const raw = await context.graph.get<GraphRecord>('/me', {
        query: { $select: USER_SELECT },
        permissions,
      })
      const user = toUser(raw)
      return { text: userLine(user), structured: user }
    }),
}
