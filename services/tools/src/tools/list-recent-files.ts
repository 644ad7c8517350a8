// listRecentFiles: files the signed-in user used recently, most recent first
// (https://learn.microsoft.com/graph/api/drive-recent).
import { z } from 'zod'
import { fileLine, fileSchema, toFile } from './file-fields.js'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const NAME = 'listRecentFiles'
const input = z.object({
  pageSize: z.number().int().min(1).max(50).default(20).describe('Items per page (1–50, default 20).'),
  cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
})
const output = listOutput(fileSchema)
const permissions = PERMISSIONS.filesRead

export const listRecentFiles: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'Recent files',
  description: 'Files the signed-in user opened or edited recently, most recent first.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: '/me/drive/recent',
        options: { query: { $top: pageSize }, permissions },
        cursor,
      })
      return listResult(context, {
        items: page.value.map(toFile),
        paging: page.paging,
        line: fileLine,
        empty: 'No recent files.',
        heading: (n) => `${n} recent item(s):`,
      })
    }),
}
