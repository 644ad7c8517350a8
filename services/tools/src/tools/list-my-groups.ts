// listMyGroups: the groups the signed-in user is a direct member of
// (https://learn.microsoft.com/graph/api/user-list-memberof). memberOf also holds directory roles
// and administrative units; only `#microsoft.graph.group` entries are kept.
import { z } from 'zod'
import { guarded } from './guarded.js'
import { compact, list, str, type GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const NAME = 'listMyGroups'
const input = z.object({
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .describe('Memberships read per page (1–100, default 50).'),
  cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
})
const group = z.object({
  id: z.string(),
  displayName: z.string().optional(),
  mail: z.string().optional(),
  description: z.string().optional(),
  kind: z.enum(['microsoft365', 'security', 'distribution']).optional(),
})
const output = listOutput(group)
const permissions = PERMISSIONS.memberOf

function kind(raw: GraphRecord): z.infer<typeof group>['kind'] {
  if (list(raw.groupTypes).includes('Unified')) return 'microsoft365'
  if (raw.securityEnabled === true) return 'security'
  if (raw.mailEnabled === true) return 'distribution'
  return undefined
}

export const listMyGroups: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'My groups',
  description: 'The groups (Microsoft 365, security, distribution) the signed-in user is a direct member of.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: '/me/memberOf',
        options: {
          query: {
            $select: 'id,displayName,mail,description,groupTypes,securityEnabled,mailEnabled',
            $top: pageSize,
          },
          permissions,
        },
        cursor,
      })
      const groups = page.value
        .filter((raw) => raw['@odata.type'] === '#microsoft.graph.group')
        .map((raw) =>
          compact({
            id: str(raw.id) ?? '',
            displayName: str(raw.displayName),
            mail: str(raw.mail),
            description: str(raw.description),
            kind: kind(raw),
          }),
        )
      return listResult(context, {
        items: groups,
        paging: page.paging,
        line: (g) =>
          [
            g.displayName ?? '(no name)',
            g.kind ? `(${g.kind})` : undefined,
            g.mail ? `<${g.mail}>` : undefined,
          ]
            .filter(Boolean)
            .join(' '),
        empty: page.paging.nextLink === undefined ? 'No group memberships.' : 'No groups on this page.',
        heading: (n) => `${n} group(s):`,
      })
    }),
}
