// POST /me/sendMail (https://learn.microsoft.com/graph/api/user-sendmail): 202 with no body. The
// message lands in the sender's Sent Items (unless saveToSentItems is false) and, unread, in the
// Inbox of every seeded mailbox among its recipients; Bcc stays hidden from the other recipients.
import { createHash } from 'node:crypto'
import type { FastifyPluginCallback } from 'fastify'
import { z } from 'zod'
import type { GraphRecipient, SeedMessage, SeedUser } from '../../seed/types.js'
import { graphEnum, itemBodyBody, parseBody, recipientBody, SMTP_ADDRESS } from '../body.js'
import type { GraphContext } from '../context.js'
import { GraphError } from '../errors.js'
import { principalOf } from '../request-context.js'
import type { GraphRouteOptions } from './options.js'

const messageBody = z.strictObject({
  subject: z.string().max(255).optional(),
  body: itemBodyBody.optional(),
  toRecipients: z.array(recipientBody).max(500).optional(),
  ccRecipients: z.array(recipientBody).max(500).optional(),
  bccRecipients: z.array(recipientBody).max(500).optional(),
  replyTo: z.array(recipientBody).max(100).optional(),
  importance: graphEnum(['low', 'normal', 'high'] as const).optional(),
  categories: z.array(z.string()).optional(),
  isDeliveryReceiptRequested: z.boolean().optional(),
  isReadReceiptRequested: z.boolean().optional(),
  from: recipientBody.optional(),
})

const sendMailBody = z.strictObject({
  message: messageBody,
  saveToSentItems: z
    .union([z.boolean(), graphEnum(['true', 'false'] as const).transform((v) => v === 'true')])
    .optional(),
})

type MessageInput = z.output<typeof messageBody>

const invalidRecipients = (detail: string) =>
  new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient isn't valid., ${detail}`)

const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`

function toRecipients(list: MessageInput['toRecipients']): GraphRecipient[] {
  return (list ?? []).map((r) => ({
    emailAddress: { name: r.emailAddress.name ?? r.emailAddress.address, address: r.emailAddress.address },
  }))
}

function textOf(body: MessageInput['body']): string {
  if (!body) return ''
  const text = body.contentType === 'html' ? body.content.replace(/<[^>]*>/g, ' ') : body.content
  return text.replace(/\s+/g, ' ').trim()
}

function deliver(ctx: GraphContext, sender: SeedUser, input: MessageInput, saveToSentItems: boolean): void {
  const now = ctx.now()
  const to = toRecipients(input.toRecipients)
  const cc = toRecipients(input.ccRecipients)
  const bcc = toRecipients(input.bccRecipients)
  const fromRecipient: GraphRecipient = { emailAddress: { name: sender.displayName, address: sender.mail } }
  const domain = sender.userPrincipalName.split('@')[1] ?? 'mail.example'
  const internetMessageId = `<${ctx.newGuid().replace(/-/g, '').toUpperCase()}@${domain}>`
  const conversationKey = ctx.newGuid()
  const base = {
    createdDateTime: isoSeconds(now),
    lastModifiedDateTime: isoSeconds(now),
    categories: input.categories ?? [],
    receivedDateTime: isoSeconds(now),
    sentDateTime: isoSeconds(now),
    hasAttachments: false,
    internetMessageId,
    subject: input.subject ?? '',
    bodyPreview: textOf(input.body).slice(0, 255),
    importance: input.importance ?? 'normal',
    conversationId: `AAQkA${createHash('sha256').update(conversationKey).digest('base64url')}`,
    conversationIndex: createHash('sha256')
      .update(conversationKey)
      .digest()
      .subarray(0, 22)
      .toString('base64'),
    isDeliveryReceiptRequested: input.isDeliveryReceiptRequested ?? false,
    isReadReceiptRequested: input.isReadReceiptRequested ?? false,
    isDraft: false,
    inferenceClassification: 'focused' as const,
    body: { contentType: input.body?.contentType ?? 'text', content: input.body?.content ?? '' },
    sender: fromRecipient,
    from: fromRecipient,
    toRecipients: to,
    ccRecipients: cc,
    replyTo: toRecipients(input.replyTo),
    flag: { flagStatus: 'notFlagged' as const },
  }
  const copy = (
    owner: SeedUser,
    folder: 'sentitems' | 'inbox',
    bccRecipients: GraphRecipient[],
  ): SeedMessage => {
    const id = ctx.newItemId()
    const folderId = ctx.store.mailbox(owner.id)?.wellKnownFolderIds[folder] ?? ''
    return {
      ...base,
      id,
      changeKey: createHash('sha256').update(id).digest().subarray(0, 16).toString('base64'),
      parentFolderId: folderId,
      isRead: folder === 'sentitems',
      webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
      bccRecipients,
    }
  }

  if (saveToSentItems) ctx.store.addMessage(sender.id, copy(sender, 'sentitems', bcc))
  const delivered = new Set<string>()
  for (const r of [...to, ...cc, ...bcc]) {
    const owner = ctx.store.userByAddress(r.emailAddress.address)
    if (!owner || delivered.has(owner.id)) continue
    delivered.add(owner.id)
    // A Bcc recipient sees only themselves on Bcc; others see none.
    const isBcc = bcc.some(
      (b) => b.emailAddress.address.toLowerCase() === r.emailAddress.address.toLowerCase(),
    )
    ctx.store.addMessage(owner.id, copy(owner, 'inbox', isBcc ? [r] : []))
  }
}

export const sendMailRoutes: FastifyPluginCallback<GraphRouteOptions> = (app, { ctx }, done) => {
  app.post('/me/sendMail', { config: { permission: 'mailSend' } }, (request, reply) => {
    const { user } = principalOf(request)
    const input = parseBody(sendMailBody, request.body, 'microsoft.graph.sendMail')
    const all = [
      ...(input.message.toRecipients ?? []),
      ...(input.message.ccRecipients ?? []),
      ...(input.message.bccRecipients ?? []),
    ]
    if (all.length === 0)
      throw invalidRecipients("A message can't be sent because it contains no recipients.")
    const bad = all.find((r) => !SMTP_ADDRESS.test(r.emailAddress.address))
    if (bad) {
      throw invalidRecipients(
        `Recipient '${bad.emailAddress.address}' isn't resolved. All recipients must be resolved before a message can be submitted.`,
      )
    }
    const from = input.message.from?.emailAddress.address.toLowerCase()
    if (from && from !== user.mail.toLowerCase() && from !== user.userPrincipalName.toLowerCase()) {
      throw new GraphError(
        403,
        'ErrorSendAsDenied',
        'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.',
      )
    }
    deliver(ctx, user, input.message, input.saveToSentItems ?? true)
    request.log.info({ recipients: all.length }, 'graph sendMail delivered')
    return reply.code(202).send()
  })
  done()
}
