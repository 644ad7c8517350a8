// A user's mail folders: the well-known top-level folders with ids stable per user, and counts
// that agree with the messages filed in them.
import { exchangeId } from '../ids.js'
import type { SeedMailbox, SeedMailFolder, SeedMessage, WellKnownFolderName } from '../types.js'

const FOLDERS: readonly [Exclude<WellKnownFolderName, 'msgfolderroot'>, string][] = [
  ['inbox', 'Inbox'],
  ['drafts', 'Drafts'],
  ['sentitems', 'Sent Items'],
  ['deleteditems', 'Deleted Items'],
  ['archive', 'Archive'],
]

export function folderIds(userId: string): Record<WellKnownFolderName, string> {
  const id = (name: WellKnownFolderName) => exchangeId(`folder:${userId}:${name}`)
  return {
    msgfolderroot: id('msgfolderroot'),
    inbox: id('inbox'),
    drafts: id('drafts'),
    sentitems: id('sentitems'),
    deleteditems: id('deleteditems'),
    archive: id('archive'),
  }
}

export function buildMailbox(userId: string, messages: readonly SeedMessage[]): SeedMailbox {
  const wellKnownFolderIds = folderIds(userId)
  const folders = FOLDERS.map(([name, displayName]): SeedMailFolder => {
    const id = wellKnownFolderIds[name]
    const inFolder = messages.filter((m) => m.parentFolderId === id)
    return {
      id,
      displayName,
      parentFolderId: wellKnownFolderIds.msgfolderroot,
      childFolderCount: 0,
      unreadItemCount: inFolder.filter((m) => !m.isRead).length,
      totalItemCount: inFolder.length,
      sizeInBytes: inFolder.reduce((n, m) => n + 1024 + Buffer.byteLength(m.body.content), 0),
      isHidden: false,
    }
  })
  return { folders, wellKnownFolderIds }
}
