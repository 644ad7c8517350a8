// listUsers: the organization's directory (https://learn.microsoft.com/graph/api/user-list). Search
// uses the directory's advanced query ($search needs `ConsistencyLevel: eventual`); paging is by an
// opaque cursor instead of silently cutting the list.
import { z } from 'zod'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import { cleanSearchText, searchPhrase } from './query-text.js'
import type { ToolDefinition } from './tool-definition.js'
import { toUser, userLine, userSchema, USER_SELECT } from './user-fields.js'

const NAME = 'listUsers'
const input = z.object({
  search: z
    .string()
    .max(200)
    .transform(cleanSearchText)
    .optional()
    .describe('Text matched against display name words and the start of email addresses.'),
  pageSize: z.number().int().min(1).max(100).default(25).describe('Users per page (1–100, default 25).'),
  cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
})
const output = listOutput(userSchema)
const permissions = PERMISSIONS.users

export const listUsers: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'List users',
  description:
    'Lists users of the organization, optionally searching by name or email. Returns a page and a nextCursor for more.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ search, pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const searching = search !== undefined && search !== ''
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: '/users',
        options: {
          query: {
            $select: USER_SELECT,
            $top: pageSize,
            $search: searching
              ? `${searchPhrase(`displayName:${search}`)} OR ${searchPhrase(`mail:${search}`)}`
              : undefined,
          },
          headers: searching ? { ConsistencyLevel: 'eventual' } : undefined,
          permissions,
        },
        cursor,
      })
      return listResult(context, {
        items: page.value.map(toUser),
        paging: page.paging,
        line: userLine,
        empty: searching ? 'No users match the search.' : 'No users.',
        heading: (n) => `${n} user(s):`,
      })
    }),
}
