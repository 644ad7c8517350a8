// Mail seed records, in Graph v1.0 shape (see types.ts for the storage rule).
import type { GraphRecipient, GraphItemBody, GraphDateTimeTimeZone } from './graph-types.js'

/** Graph `followupFlag`. */
export interface GraphFollowupFlag {
  flagStatus: 'notFlagged' | 'complete' | 'flagged'
  startDateTime?: GraphDateTimeTimeZone
  dueDateTime?: GraphDateTimeTimeZone
}

/** Graph `message` (v1.0). `parentFolderId` is the opaque id of a folder in `mailFoldersByUser`. */
export interface SeedMessage {
  id: string
  createdDateTime: string
  lastModifiedDateTime: string
  changeKey: string
  categories: string[]
  receivedDateTime: string
  sentDateTime: string
  hasAttachments: boolean
  internetMessageId: string
  subject: string
  bodyPreview: string
  importance: 'low' | 'normal' | 'high'
  parentFolderId: string
  conversationId: string
  /** Base64; 22 bytes for a thread's first message, 5 more per reply. */
  conversationIndex: string
  isDeliveryReceiptRequested: boolean
  isReadReceiptRequested: boolean
  isRead: boolean
  isDraft: boolean
  webLink: string
  inferenceClassification: 'focused' | 'other'
  body: GraphItemBody
  sender: GraphRecipient
  from: GraphRecipient
  toRecipients: GraphRecipient[]
  ccRecipients: GraphRecipient[]
  bccRecipients: GraphRecipient[]
  replyTo: GraphRecipient[]
  flag: GraphFollowupFlag
}

/** Folder names Graph accepts in place of a folder id, e.g. /me/mailFolders/inbox/messages. */
export type WellKnownFolderName =
  'msgfolderroot' | 'inbox' | 'sentitems' | 'drafts' | 'deleteditems' | 'archive'

/** Graph `mailFolder` (v1.0); counts agree with the user's messages. */
export interface SeedMailFolder {
  id: string
  displayName: string
  parentFolderId: string
  childFolderCount: number
  unreadItemCount: number
  totalItemCount: number
  sizeInBytes: number
  isHidden: boolean
}

/** A user's mailbox folders: the top-level folders (children of msgfolderroot) and well-known names. */
export interface SeedMailbox {
  /** The children of the root folder, in Outlook's order (Inbox, Drafts, Sent Items, …). */
  folders: SeedMailFolder[]
  /** Well-known name → folder id; `msgfolderroot` is the (unlisted) parent of `folders`. */
  wellKnownFolderIds: Record<WellKnownFolderName, string>
}
