import t from 'tap'
import { ANCHOR, loadSeed } from '../fixture.js'

const { seed } = loadSeed()
const MIME: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  csv: 'text/csv',
}

t.test('drive: every demo user has 15-30 files of several kinds and a couple of folders', async (t) => {
  for (const u of seed.demoUsers) {
    const items = seed.driveItemsByUser.get(u.id) ?? []
    const files = items.filter((i) => i.file)
    const folders = items.filter((i) => i.folder && !i.root)
    t.ok(files.length >= 15 && files.length <= 30, `${u.displayName}: ${files.length} files`)
    t.ok(folders.length >= 2, `${u.displayName}: ${folders.length} folders`)
    t.ok(new Set(files.map((f) => f.file?.mimeType)).size >= 3, `${u.displayName}: several file kinds`)
  }
})

t.test('drive: items have Graph driveItem shapes with mime types matching their extension', async (t) => {
  for (const [userId, items] of seed.driveItemsByUser) {
    const drive = seed.drivesByUser.get(userId)
    const root = items[0]
    t.ok(root?.root && root.folder && !root.file, 'the root comes first')
    t.equal(items.filter((i) => i.root).length, 1, 'exactly one root')
    const byId = new Map(items.map((i) => [i.id, i]))
    t.equal(byId.size, items.length, 'ids unique in the drive')
    for (const item of items) {
      const problems = [
        /^01[A-Z2-7]{32}$/.test(item.id) ? '' : 'id',
        item.parentReference.driveId === drive?.id && item.parentReference.driveType === 'business'
          ? ''
          : 'driveId',
        (item.file ? 1 : 0) + (item.folder ? 1 : 0) === 1 ? '' : 'exactly one of file / folder',
        item.file ? (item.file.mimeType === MIME[item.name.split('.').pop() ?? ''] ? '' : 'mimeType') : '',
        item.size >= 0 && Number.isInteger(item.size) ? '' : 'size',
        item.webUrl.startsWith('https://') ? '' : 'webUrl',
        item.createdDateTime <= item.lastModifiedDateTime ? '' : 'modified before created',
        item.fileSystemInfo.lastModifiedDateTime <= item.fileSystemInfo.lastAccessedDateTime
          ? ''
          : 'accessed before modified',
        Date.parse(item.fileSystemInfo.lastAccessedDateTime) < ANCHOR ? '' : 'accessed after the week anchor',
        /^"\{[0-9A-F-]{36}\},\d+"$/.test(item.eTag) ? '' : 'eTag',
      ].filter(Boolean)
      if (problems.length > 0) t.fail(`${item.name}: ${problems.join(', ')}`)
      if (!item.root) {
        const parent = byId.get(item.parentReference.id ?? '')
        const expectedPath = parent?.root ? '/drive/root:' : `/drive/root:/${parent?.name}`
        if (!parent?.folder || item.parentReference.path !== expectedPath)
          t.fail(`${item.name}: parent reference`)
      }
      if (item.folder) {
        const children = items.filter((c) => c.parentReference.id === item.id)
        if (item.folder.childCount !== children.length) t.fail(`${item.name}: childCount`)
      }
    }
  }
})

t.test('drive: quota and folder sizes add up', async (t) => {
  for (const [userId, items] of seed.driveItemsByUser) {
    const drive = seed.drivesByUser.get(userId)
    const used = items.filter((i) => i.file).reduce((n, i) => n + i.size, 0)
    t.equal(drive?.quota.used, used)
    t.equal((drive?.quota.used ?? 0) + (drive?.quota.remaining ?? 0), drive?.quota.total)
    t.equal(items[0]?.size, used, 'root size is the sum of all files')
  }
})

t.test('drive: last access times spread so /recent has a meaningful order', async (t) => {
  for (const u of seed.demoUsers) {
    const files = (seed.driveItemsByUser.get(u.id) ?? []).filter((i) => i.file)
    const accessed = files.map((f) => f.fileSystemInfo.lastAccessedDateTime)
    t.ok(new Set(accessed).size >= files.length - 1, `${u.displayName}: distinct access times`)
    const lastWeek = accessed.filter((a) => Date.parse(a) >= ANCHOR - 7 * 86_400_000).length
    t.ok(lastWeek >= 5 && lastWeek < files.length, `${u.displayName}: ${lastWeek} files used last week`)
  }
})

t.test('drive: every user has a OneDrive owned by them', async (t) => {
  for (const u of seed.users) {
    const drive = seed.drivesByUser.get(u.id)
    if (drive?.owner.user.id !== u.id || drive.driveType !== 'business' || !drive.id.startsWith('b!')) {
      t.fail(`${u.userPrincipalName}: drive`)
    }
  }
  const ids = [...seed.drivesByUser.values()].map((d) => d.id)
  t.equal(new Set(ids).size, ids.length, 'drive ids unique')
})
