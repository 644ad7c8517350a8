// listMessages: the signed-in user's mail, newest first, or a free-text search
// (https://learn.microsoft.com/graph/api/user-list-messages, /graph/search-query-parameter).
// Exchange refuses $search with $filter or $orderby (search results come by relevance/date), and
// with $filter + $orderby every sorted property must also be filtered on, hence the
// `receivedDateTime ge 1900-01-01` clause next to the unread filter.
import { z } from 'zod'
import { guarded } from './guarded.js'
import type { GraphRecord } from './graph-values.js'
import { readListPage } from './list-page.js'
import { listOutput, listResult } from './list-result.js'
import { messageLine, messageSchema, MESSAGE_SELECT, toMessage } from './message-fields.js'
import { PERMISSIONS } from './permissions.js'
import { cleanSearchText, freeTextPhrase, hasWord } from './query-text.js'
import type { ToolDefinition } from './tool-definition.js'

const NAME = 'listMessages'
const input = z
  .object({
    search: z
      .string()
      .max(200)
      .transform(cleanSearchText)
      .refine((v) => v === '' || hasWord(v), 'must contain a letter or digit')
      .optional()
      .describe('Free text matched against sender, subject and body. Cannot be combined with unreadOnly.'),
    unreadOnly: z.boolean().default(false).describe('Only unread messages.'),
    pageSize: z.number().int().min(1).max(50).default(25).describe('Messages per page (1–50, default 25).'),
    cursor: z.string().min(1).max(8192).optional().describe('nextCursor from a previous call, to continue.'),
  })
  .refine((v) => !(v.unreadOnly && v.search), {
    message: 'search cannot be combined with unreadOnly',
    path: ['unreadOnly'],
  })
const output = listOutput(messageSchema)
const permissions = PERMISSIONS.mailList

export const listMessages: ToolDefinition<typeof input, typeof output> = {
  name: NAME,
  title: 'List mail messages',
  description:
    "The signed-in user's mail (subject, sender, received time, preview; no bodies), newest first, or matching a search.",
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ search, unreadOnly, pageSize, cursor }, context) =>
    guarded(permissions, context, async () => {
      const searching = search !== undefined && search !== ''
      const query = searching
        ? { $search: freeTextPhrase(search), $top: pageSize, $select: MESSAGE_SELECT }
        : {
            $orderby: 'receivedDateTime desc',
            $filter: unreadOnly ? 'isRead eq false and receivedDateTime ge 1900-01-01T00:00:00Z' : undefined,
            $top: pageSize,
            $select: MESSAGE_SELECT,
          }
      const page = await readListPage<GraphRecord>(context, {
        tool: NAME,
        path: '/me/messages',
        options: { query, permissions },
        cursor,
      })
      return listResult(context, {
        items: page.value.map(toMessage),
        paging: page.paging,
        line: messageLine,
        empty: searching ? 'No messages match the search.' : 'No messages.',
        heading: (n) => `${n} message(s):`,
      })
    }),
}
