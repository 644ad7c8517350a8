// Writes a planned mailbox as Graph messages: received mail in the Inbox, the owner's own mail in
// Sent Items, shared conversationId per thread, recent mail mostly unread, a few flagged, urgent
// threads at high importance and announcements filed under "Other" (Focused Inbox).
import { base64Id, exchangeId, hexId } from '../ids.js'
import { createRng } from '../random.js'
import { DAY, isoSeconds, localDateTime } from '../week.js'
import type { OrgIndex } from '../org/org-index.js'
import type {
  GraphFollowupFlag,
  GraphRecipient,
  SeedMessage,
  SeedUser,
  WellKnownFolderName,
} from '../types.js'
import type { PlannedMessage } from './plan-threads.js'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

const recipient = (u: SeedUser): GraphRecipient => ({
  emailAddress: { name: u.displayName, address: u.mail },
})

/** Outlook's PidTagConversationIndex: a 22-byte header, then a 5-byte block per reply. */
function conversationIndex(threadKey: string, position: number): string {
  const blocks = [Buffer.from(hexId(`convindex:${threadKey}`, 22), 'hex')]
  for (let i = 1; i <= position; i++) blocks.push(Buffer.from(hexId(`convindex:${threadKey}:${i}`, 5), 'hex'))
  return Buffer.concat(blocks).toString('base64')
}

export function writeMessages(
  owner: SeedUser,
  plan: readonly PlannedMessage[],
  org: OrgIndex,
  anchor: number,
  folders: Record<WellKnownFolderName, string>,
): SeedMessage[] {
  const rng = createRng(`mail-state:${owner.id}`)
  const host = owner.userPrincipalName.split('@')[1] ?? 'mail.example'
  const flagsLeft = { n: 3 }
  const messages = [...plan]
    .sort((a, b) => b.sentOffset - a.sentOffset || a.key.localeCompare(b.key))
    .map((p): SeedMessage => {
      const from = org.get(p.fromId)
      const sent = anchor + p.sentOffset
      const received = sent + rng.int(1, 9) * 1000
      const outgoing = p.fromId === owner.id
      const ageDays = -p.sentOffset / DAY
      // Mail from the last working days is often still unread; older mail rarely.
      const isRead = outgoing || (ageDays < 5 ? rng.chance(0.4) : rng.chance(0.94))
      let flag: GraphFollowupFlag = { flagStatus: 'notFlagged' }
      if (!outgoing && !p.announcement && ageDays > 2 && flagsLeft.n > 0 && rng.chance(0.25)) {
        flagsLeft.n--
        const day = Math.floor(sent / DAY) * DAY
        flag = {
          flagStatus: 'flagged',
          startDateTime: { dateTime: localDateTime(day), timeZone: 'UTC' },
          dueDateTime: { dateTime: localDateTime(day + 3 * DAY), timeZone: 'UTC' },
        }
      }
      const to = outgoing ? org.get(p.toIds[0] ?? owner.id) : owner
      const greeting = p.toGroup === null ? `Hi ${to.givenName},` : 'Hi all,'
      const lines = [greeting, ...p.lines, `Thanks,\r\n${from.givenName}`]
      const id = exchangeId(`message:${p.key}`)
      const body = `<html><head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${lines
        .map((l) => `<div>${escapeHtml(l).replace(/\r\n/g, '<br>')}</div>`)
        .join('<div><br></div>')}</body></html>`
      const folder: WellKnownFolderName = outgoing ? 'sentitems' : 'inbox'
      return {
        id,
        createdDateTime: isoSeconds(received),
        lastModifiedDateTime: isoSeconds(received + (isRead ? rng.int(5, 600) * 1000 : 0)),
        changeKey: base64Id(`changekey:${p.key}`, 16),
        categories: [],
        receivedDateTime: isoSeconds(received),
        sentDateTime: isoSeconds(sent),
        hasAttachments: false,
        internetMessageId: `<${hexId(`imid:${p.threadKey}:${p.position}`, 16)}@${host}>`,
        subject: p.subject,
        bodyPreview: lines.join('\r\n').slice(0, 255),
        importance: p.urgent ? 'high' : 'normal',
        parentFolderId: folders[folder],
        conversationId: exchangeId(`conversation:${p.threadKey}`, 'AAQkA'),
        conversationIndex: conversationIndex(p.threadKey, p.position),
        isDeliveryReceiptRequested: false,
        isReadReceiptRequested: false,
        isRead,
        isDraft: false,
        webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
        inferenceClassification: p.announcement ? 'other' : 'focused',
        body: { contentType: 'html', content: body },
        sender: recipient(from),
        from: recipient(from),
        toRecipients:
          p.toGroup === null ? p.toIds.map((u) => recipient(org.get(u))) : [{ emailAddress: p.toGroup }],
        ccRecipients: p.ccIds.map((u) => recipient(org.get(u))),
        bccRecipients: [],
        replyTo: [],
        flag,
      }
    })
  return messages
}
