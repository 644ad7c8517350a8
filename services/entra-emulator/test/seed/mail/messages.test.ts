import t from 'tap'
import { ANCHOR, loadSeed } from '../fixture.js'

const { seed, byMail } = loadSeed()
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

t.test('mail: every demo user has 30-50 messages, most in the Inbox and a few in Sent Items', async (t) => {
  for (const u of seed.demoUsers) {
    const messages = seed.messagesByUser.get(u.id) ?? []
    const folders = seed.mailboxesByUser.get(u.id)?.wellKnownFolderIds
    t.ok(messages.length >= 30 && messages.length <= 50, `${u.displayName}: ${messages.length}`)
    const inbox = messages.filter((m) => m.parentFolderId === folders?.inbox).length
    const sent = messages.filter((m) => m.parentFolderId === folders?.sentitems).length
    t.equal(inbox + sent, messages.length, `${u.displayName}: every message is in Inbox or Sent Items`)
    t.ok(sent >= 2 && sent < inbox, `${u.displayName}: ${sent} sent, ${inbox} received`)
  }
})

t.test('mail: messages have Graph shapes with real senders and recipients', async (t) => {
  for (const u of seed.demoUsers) {
    const messages = seed.messagesByUser.get(u.id) ?? []
    const groupMails = new Set(seed.groups.filter((g) => g.tenantId === u.tenantId).map((g) => g.mail))
    for (const m of messages) {
      const problems = [
        ISO_SECONDS.test(m.receivedDateTime) && ISO_SECONDS.test(m.sentDateTime) ? '' : 'date format',
        m.sentDateTime <= m.receivedDateTime ? '' : 'sent after received',
        Date.parse(m.receivedDateTime) < ANCHOR ? '' : 'received after the week anchor',
        m.from.emailAddress.address === m.sender.emailAddress.address ? '' : 'sender',
        byMail(u.tenantId, m.from.emailAddress.address)?.displayName === m.from.emailAddress.name
          ? ''
          : 'from is not a seed user',
        [...m.toRecipients, ...m.ccRecipients].every(
          (r) =>
            byMail(u.tenantId, r.emailAddress.address) !== undefined ||
            groupMails.has(r.emailAddress.address),
        )
          ? ''
          : 'unknown recipient',
        m.toRecipients.length > 0 ? '' : 'no recipient',
        m.body.contentType === 'html' && m.body.content.startsWith('<html>') ? '' : 'body',
        m.bodyPreview.length > 0 && m.bodyPreview.length <= 255 && !m.bodyPreview.includes('<')
          ? ''
          : 'bodyPreview',
        /^<[0-9A-F]+@[a-z.]+>$/.test(m.internetMessageId) ? '' : 'internetMessageId',
        ['low', 'normal', 'high'].includes(m.importance) ? '' : 'importance',
        m.webLink.startsWith('https://outlook.office365.com/owa/?ItemID=') ? '' : 'webLink',
        m.flag.flagStatus === 'flagged' ? (m.flag.dueDateTime?.timeZone === 'UTC' ? '' : 'flag dates') : '',
      ].filter(Boolean)
      if (problems.length > 0) t.fail(`${u.displayName} / ${m.subject}: ${problems.join(', ')}`)
      const outgoing = m.from.emailAddress.address === u.mail
      if (outgoing !== (m.parentFolderId === seed.mailboxesByUser.get(u.id)?.wellKnownFolderIds.sentitems)) {
        t.fail(`${m.subject}: mail from the owner must be in Sent Items and only there`)
      }
    }
  }
  t.pass('checked every message')
})

t.test('mail: ids and internet message ids are unique; lists are newest first', async (t) => {
  const all = [...seed.messagesByUser.values()].flat()
  t.equal(new Set(all.map((m) => m.id)).size, all.length)
  t.equal(new Set(all.map((m) => m.internetMessageId)).size, all.length)
  for (const messages of seed.messagesByUser.values()) {
    const received = messages.map((m) => m.receivedDateTime)
    t.same(received, [...received].sort().reverse())
  }
})

t.test(
  'mail: replies share their thread’s conversationId and subject, each with a longer conversationIndex',
  async (t) => {
    for (const u of seed.demoUsers) {
      const byConversation = new Map<string, typeof messages>()
      const messages = seed.messagesByUser.get(u.id) ?? []
      for (const m of messages)
        byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m])
      const threads = [...byConversation.values()].filter((c) => c.length > 1)
      t.ok(threads.length >= 3, `${u.displayName}: ${threads.length} threads`)
      for (const thread of threads) {
        const oldestFirst = [...thread].reverse()
        const root = oldestFirst[0]?.subject ?? ''
        oldestFirst.slice(1).forEach((m, i) => {
          if (m.subject !== `RE: ${root}`) t.fail(`${m.subject} is not a reply to ${root}`)
          const len = Buffer.from(m.conversationIndex, 'base64').length
          if (len !== 22 + 5 * (i + 1)) t.fail(`${m.subject}: conversationIndex length ${len}`)
        })
      }
    }
  },
)

t.test(
  'mail: some recent mail is unread, some is flagged, some is high importance, announcements are Other',
  async (t) => {
    for (const u of seed.demoUsers) {
      const messages = seed.messagesByUser.get(u.id) ?? []
      t.ok(
        messages.some((m) => !m.isRead),
        `${u.displayName}: unread`,
      )
      t.ok(
        messages.some((m) => m.isRead),
        `${u.displayName}: read`,
      )
      t.ok(
        messages.some((m) => m.flag.flagStatus === 'flagged'),
        `${u.displayName}: flagged`,
      )
      t.ok(
        messages.some((m) => m.importance === 'high'),
        `${u.displayName}: high importance`,
      )
      t.ok(
        messages.some((m) => m.inferenceClassification === 'other'),
        `${u.displayName}: Other`,
      )
      t.ok(
        messages.filter((m) => m.from.emailAddress.address === u.mail).every((m) => m.isRead),
        `${u.displayName}: sent mail is read`,
      )
    }
  },
)
