// listDirectReports: people who report to the signed-in user
// (https://learn.microsoft.com/graph/api/user-list-directreports).
import { z } from 'zod'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'
import { toUser, userLine, userSchema, USER_SELECT } from './user-fields.js'

const NAME = 'listDirectReports'
const input = z.object({
  pageSize: z.number().int().min(1).max(100).default(25).describe('Reports per page (1–100, default 25).'),
  cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
})
const output = listOutput(userSchema)
const permissions = PERMISSIONS.directReports

export const listDirectReports: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'My direct reports',
  description: 'The people who report directly to the signed-in user.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: '/me/directReports',
        options: { query: { $select: USER_SELECT, $top: pageSize }, permissions },
        cursor,
      })
      return listResult(context, {
        items: page.value.map(toUser),
        paging: page.paging,
        line: userLine,
        empty: 'No direct reports.',
        heading: (n) => `${n} direct report(s):`,
      })
    }),
}
