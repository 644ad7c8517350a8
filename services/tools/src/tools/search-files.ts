// searchFiles: items in the signed-in user's OneDrive matching a query
// (https://learn.microsoft.com/graph/api/driveitem-search). The query is an OData string literal
// inside the path: quotes are doubled, then the whole is percent-encoded as one path segment.
import { z } from 'zod'
import { fileLine, fileSchema, FILE_SELECT, toFile } from './file-fields.js'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import { cleanSearchText, odataString } from './query-text.js'
import type { ToolDefinition } from './tool-definition.js'

const NAME = 'searchFiles'
const input = z.object({
  query: z
    .string()
    .max(200)
    .transform(cleanSearchText)
    .pipe(z.string().min(1, 'must not be blank'))
    .describe('Words to look for in file names and content.'),
  pageSize: z.number().int().min(1).max(50).default(25).describe('Items per page (1–50, default 25).'),
  cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
})
const output = listOutput(fileSchema)
const permissions = PERMISSIONS.filesRead

export const searchFiles: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'Search files',
  description: "Searches the signed-in user's OneDrive for files and folders by name or content.",
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ query, pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: `/me/drive/root/search(q=${encodeURIComponent(odataString(query))})`,
        options: { query: { $select: FILE_SELECT, $top: pageSize }, permissions },
        cursor,
      })
      return listResult(context, {
        items: page.value.map(toFile),
        paging: page.paging,
        line: fileLine,
        empty: 'No files match the search.',
        heading: (n) => `${n} item(s):`,
      })
    }),
}
