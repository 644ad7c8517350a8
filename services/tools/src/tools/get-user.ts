// getUser: one directory user by object id or user principal name
// (https://learn.microsoft.com/graph/api/user-get).
import { z } from 'zod'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'
import { toUser, userLine, userSchema, USER_SELECT } from './user-fields.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// A UPN: local part of RFC 5322 atext plus dots, then a domain name.
const UPN =
  /^[A-Za-z0-9!#$%&'*+=^_`{|}~.-]{1,113}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/

const input = z.object({
  user: z
    .string()
    .trim()
    .max(256)
    .refine((v) => GUID.test(v) || UPN.test(v), 'must be a user object id (GUID) or a user principal name')
    .describe('The user: object id (GUID) or user principal name, e.g. marcus.chen@contoso.example.'),
})
const permissions = PERMISSIONS.users

export const getUser: ToolDefinition<typeof input, typeof userSchema> = {
  name: 'getUser',
  title: 'Get a user',
  description:
    'A user of the organization by id or user principal name: name, email, job, department, office.',
  input,
  output: userSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ user }, context) =>
    guarded(permissions, context, async () => {
      const raw = await context.graph.get<GraphRecord>(`/users/${encodeURIComponent(user)}`, {
        query: { $select: USER_SELECT },
        permissions,
      })
      const found = toUser(raw)
      return { text: userLine(found), structured: found }
    }),
}
