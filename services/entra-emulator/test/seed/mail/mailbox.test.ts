import t from 'tap'
import { loadSeed } from '../fixture.js'

const { seed } = loadSeed()

t.test('mailbox: folder counts agree with the messages filed in them', async (t) => {
  for (const u of seed.users) {
    const mailbox = seed.mailboxesByUser.get(u.id)
    const messages = seed.messagesByUser.get(u.id) ?? []
    if (!mailbox) {
      t.fail(`${u.userPrincipalName}: no mailbox`)
      continue
    }
    for (const f of mailbox.folders) {
      const inFolder = messages.filter((m) => m.parentFolderId === f.id)
      if (
        f.totalItemCount !== inFolder.length ||
        f.unreadItemCount !== inFolder.filter((m) => !m.isRead).length
      ) {
        t.fail(`${u.userPrincipalName} / ${f.displayName}: counts`)
      }
    }
    const filed = mailbox.folders.reduce((n, f) => n + f.totalItemCount, 0)
    if (filed !== messages.length) t.fail(`${u.userPrincipalName}: a message is in no listed folder`)
  }
  t.pass('checked every mailbox')
})

t.test('mailbox: well-known names map to the listed folders, all children of msgfolderroot', async (t) => {
  for (const u of seed.demoUsers) {
    const mailbox = seed.mailboxesByUser.get(u.id)
    const { msgfolderroot, ...named } = mailbox?.wellKnownFolderIds ?? { msgfolderroot: '' }
    t.same(Object.values(named).sort(), (mailbox?.folders ?? []).map((f) => f.id).sort())
    t.ok(mailbox?.folders.every((f) => f.parentFolderId === msgfolderroot && f.childFolderCount === 0))
    t.same(
      mailbox?.folders.map((f) => f.displayName),
      ['Inbox', 'Drafts', 'Sent Items', 'Deleted Items', 'Archive'],
    )
  }
})

t.test('mailbox: folder ids differ between users', async (t) => {
  const ids = [...seed.mailboxesByUser.values()].flatMap((m) => Object.values(m.wellKnownFolderIds))
  t.equal(new Set(ids).size, ids.length)
})
