// getMessage: one mail message with its body as plain text, cut to the size budget
// (https://learn.microsoft.com/graph/api/message-get; `Prefer: outlook.body-content-type="text"`).
import { z } from 'zod'
import { cutText } from '../graph/size-budget.js'
import { graphId } from './graph-id.js'
import { guarded } from './guarded.js'
import { list, mailbox, record, str, type GraphRecord } from './graph-values.js'
import { htmlToText } from './html-text.js'
import { messageSchema, toMessage } from './message-fields.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const input = z.object({ id: graphId('The message id, from listMessages.') })
const output = messageSchema.extend({
  to: z.array(z.string()).optional(),
  cc: z.array(z.string()).optional(),
  body: z.string().describe('The body as plain text, possibly cut to the size limit.'),
  bodyTruncated: z.boolean(),
})
const permissions = PERMISSIONS.mailRead
// Room kept for the headers around the body in the text result.
const HEADER_BYTES = 1024

function addresses(value: unknown): string[] | undefined {
  const all = list(value)
    .map(mailbox)
    .filter((a): a is string => a !== undefined)
  return all.length > 0 ? all : undefined
}

export const getMessage: ToolDefinition<typeof input, typeof output> = {
  name: 'getMessage',
  title: 'Read a mail message',
  description:
    'One mail message of the signed-in user by id, with sender, recipients and the body as plain text.',
  input,
  output,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
  permissions,
  write: false,
  handler: ({ id }, context) =>
    guarded(permissions, context, async () => {
      const raw = await context.graph.get<GraphRecord>(`/me/messages/${encodeURIComponent(id)}`, {
        query: {
          $select: 'id,subject,from,toRecipients,ccRecipients,receivedDateTime,isRead,hasAttachments,body',
        },
        headers: { Prefer: 'outlook.body-content-type="text"' },
        permissions,
      })
      const body = record(raw.body)
      const content = str(body.content) ?? ''
      const plain = str(body.contentType)?.toLowerCase() === 'html' ? htmlToText(content) : content.trim()
      const cut = cutText(plain, Math.max(0, context.maxResultBytes - HEADER_BYTES))
      const message = {
        ...toMessage(raw),
        ...(addresses(raw.toRecipients) ? { to: addresses(raw.toRecipients) } : {}),
        ...(addresses(raw.ccRecipients) ? { cc: addresses(raw.ccRecipients) } : {}),
        body: cut.text,
        bodyTruncated: cut.truncated,
      }
      const text = [
        `From: ${message.from ?? '(unknown)'}`,
        message.to ? `To: ${message.to.join(', ')}` : undefined,
        message.cc ? `Cc: ${message.cc.join(', ')}` : undefined,
        `Received: ${message.receivedDateTime ?? '?'}`,
        `Subject: ${message.subject ?? '(no subject)'}`,
        '',
        cut.text,
        cut.truncated ? '\n[Body cut to fit the size limit; the rest was left out.]' : undefined,
      ]
        .filter((line) => line !== undefined)
        .join('\n')
      return { text, structured: message }
    }),
}
