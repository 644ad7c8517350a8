// Graph `message` (https://learn.microsoft.com/graph/api/resources/message). Outlook items carry
// `@odata.etag` built from their changeKey. Mail.ReadBasic covers everything but the body.
import type { SeedMessage } from '../../seed/types.js'
import type { EntitySchema, GraphObject } from '../odata/schema.js'
import type { TextFields } from '../odata/text-search.js'

export const MESSAGE_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.message',
  resourceLabel: 'Message',
  properties: [
    'id',
    'createdDateTime',
    'lastModifiedDateTime',
    'changeKey',
    'categories',
    'receivedDateTime',
    'sentDateTime',
    'hasAttachments',
    'internetMessageId',
    'subject',
    'bodyPreview',
    'importance',
    'parentFolderId',
    'conversationId',
    'conversationIndex',
    'isDeliveryReceiptRequested',
    'isReadReceiptRequested',
    'isRead',
    'isDraft',
    'webLink',
    'inferenceClassification',
    'body',
    'sender',
    'from',
    'toRecipients',
    'ccRecipients',
    'bccRecipients',
    'replyTo',
    'flag',
  ],
  filterable: {
    id: 'string',
    subject: 'string',
    importance: 'string',
    isRead: 'boolean',
    isDraft: 'boolean',
    hasAttachments: 'boolean',
    receivedDateTime: 'dateTime',
    sentDateTime: 'dateTime',
    createdDateTime: 'dateTime',
    lastModifiedDateTime: 'dateTime',
    conversationId: 'string',
    parentFolderId: 'string',
    internetMessageId: 'string',
    inferenceClassification: 'string',
    'from/emailAddress/address': 'string',
    'from/emailAddress/name': 'string',
    'sender/emailAddress/address': 'string',
    'flag/flagStatus': 'string',
  },
  sortable: {
    receivedDateTime: 'dateTime',
    sentDateTime: 'dateTime',
    createdDateTime: 'dateTime',
    lastModifiedDateTime: 'dateTime',
    subject: 'string',
    importance: 'string',
    isRead: 'boolean',
    hasAttachments: 'boolean',
    'from/emailAddress/name': 'string',
    'from/emailAddress/address': 'string',
  },
}

export function toGraphMessage(message: SeedMessage): GraphObject {
  return { '@odata.etag': `W/"${message.changeKey}"`, ...message }
}

/** Without Mail.Read the body and its preview are withheld (Mail.ReadBasic). */
export function withoutBody(message: GraphObject): GraphObject {
  const { body: _body, bodyPreview: _preview, ...rest } = message
  return rest
}

type Recipients = readonly { emailAddress?: { name?: string; address?: string } }[] | undefined
const people = (list: unknown): string[] =>
  ((list as Recipients) ?? []).flatMap((r) => [r.emailAddress?.name ?? '', r.emailAddress?.address ?? ''])
const text = (v: unknown): string[] => (typeof v === 'string' ? [v] : [])
const bodyText = (m: GraphObject): string[] => {
  const body = m.body as { content?: unknown } | undefined
  return text(body?.content).map((c) => c.replace(/<[^>]*>/g, ' '))
}

/** KQL properties Exchange search understands on messages. */
export const MESSAGE_SEARCH_FIELDS: TextFields = {
  subject: (m) => text(m.subject),
  body: bodyText,
  from: (m) => people([m.from]),
  to: (m) => people(m.toRecipients),
  cc: (m) => people(m.ccRecipients),
  participants: (m) => [...people([m.from]), ...people(m.toRecipients), ...people(m.ccRecipients)],
}

/** Without a property, Exchange searches the sender, subject and body. */
export const MESSAGE_FREE_TEXT_FIELDS = ['from', 'subject', 'body'] as const
