// sendMail: sends a plain-text message as the signed-in user
// (https://learn.microsoft.com/graph/api/user-sendmail). A write tool; Graph answers 202 without a body.
import { z } from 'zod'
import { emailAddress, recipients } from './email-address.js'
import { guarded } from './guarded.js'
import { PERMISSIONS } from './permissions.js'
import type { ToolDefinition } from './tool-definition.js'

const input = z
  .object({
    to: z.array(emailAddress).min(1).max(100).describe('Recipient email addresses (1–100).'),
    cc: z.array(emailAddress).max(100).default([]).describe('Cc email addresses (0–100).'),
    subject: z.string().trim().min(1).max(255).describe('The subject line.'),
    body: z.string().min(1).max(100_000).describe('The message body, plain text.'),
    saveToSentItems: z.boolean().default(true).describe('Keep a copy in Sent Items (default true).'),
  })
  .refine((v) => v.to.length + v.cc.length <= 150, { message: 'at most 150 recipients in all', path: ['cc'] })
const output = z.object({
  sent: z.literal(true),
  recipients: z.array(z.string()),
  savedToSentItems: z.boolean(),
})
const permissions = PERMISSIONS.mailSend

export const sendMail: ToolDefinition<typeof input, typeof output> = {
  name: 'sendMail',
  title: 'Send mail',
  description: 'Sends a plain-text email from the signed-in user to the given recipients.',
  input,
  output,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  permissions,
  write: true,
  handler: (args, context) =>
    guarded(permissions, context, async () => {
      await context.graph.post<unknown>(
        '/me/sendMail',
        {
          message: {
            subject: args.subject,
            body: { contentType: 'text', content: args.body },
            toRecipients: recipients(args.to),
            ...(args.cc.length > 0 ? { ccRecipients: recipients(args.cc) } : {}),
          },
          saveToSentItems: args.saveToSentItems,
        },
        { permissions },
      )
      const all = [...args.to, ...args.cc]
      return {
        text: `Sent "${args.subject}" to ${all.join(', ')}.`,
        structured: { sent: true as const, recipients: all, savedToSentItems: args.saveToSentItems },
      }
    }),
}
