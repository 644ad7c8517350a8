// A mail message as the mail tools return it (metadata; getMessage adds the body).
import { z } from 'zod'
import { compact, mailbox, str, type GraphRecord } from './graph-values.js'

export const MESSAGE_SELECT = 'id,subject,from,receivedDateTime,bodyPreview,isRead,hasAttachments,importance'

export const messageSchema = z.object({
  id: z.string(),
  subject: z.string().optional(),
  from: z.string().optional(),
  receivedDateTime: z.string().optional(),
  preview: z.string().optional().describe('Absent when only Mail.ReadBasic is granted.'),
  isRead: z.boolean().optional(),
  hasAttachments: z.boolean().optional(),
})
export type MessageSummary = z.infer<typeof messageSchema>

export function toMessage(raw: GraphRecord): MessageSummary {
  return compact({
    id: str(raw.id) ?? '',
    subject: str(raw.subject),
    from: mailbox(raw.from),
    receivedDateTime: str(raw.receivedDateTime),
    preview: str(raw.bodyPreview),
    isRead: typeof raw.isRead === 'boolean' ? raw.isRead : undefined,
    hasAttachments: typeof raw.hasAttachments === 'boolean' ? raw.hasAttachments : undefined,
  })
}

export function messageLine(m: MessageSummary): string {
  return [
    m.receivedDateTime ?? '?',
    m.isRead === false ? '[unread]' : undefined,
    m.from ?? '(unknown sender)',
    `— ${m.subject ?? '(no subject)'}`,
    m.preview ? `: ${m.preview.slice(0, 120)}` : undefined,
    `[id ${m.id}]`,
  ]
    .filter(Boolean)
    .join(' ')
}
