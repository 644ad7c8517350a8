// A user's OneDrive for Business: the drive, its root, a few folders and 15-30 department files
// for demo users (root only for others). Last access times are spread so /me/drive/recent has a
// meaningful order; every timestamp lies before the week anchor.
import { base64Id, driveId, driveItemId, guid } from '../ids.js'
import { createRng } from '../random.js'
import { DAY, HOUR, isoSeconds, MINUTE } from '../week.js'
import { FOLDERS, fileNames, kindOf } from './files.js'
import type { OrgIndex } from '../org/org-index.js'
import type { GraphIdentity, SeedDrive, SeedDriveItem, SeedUser } from '../types.js'

const QUOTA_TOTAL = 1_099_511_627_776 // 1 TiB, the OneDrive for Business default

export interface UserDrive {
  drive: SeedDrive
  items: SeedDriveItem[]
}

const identity = (u: SeedUser): GraphIdentity => ({ id: u.id, displayName: u.displayName, email: u.mail })

function personalUrl(owner: SeedUser): string {
  const [, domain = 'example'] = owner.userPrincipalName.split('@')
  const tenantLabel = domain.split('.')[0] ?? 'tenant'
  return `https://${tenantLabel}-my.sharepoint.com/personal/${owner.userPrincipalName.replace(/[.@]/g, '_')}`
}

const tag = (key: string, version: number) => {
  const g = guid(`etag:${key}`).toUpperCase()
  return { eTag: `"{${g}},${version}"`, cTag: `"c:{${g}},${version}"` }
}

export function buildDrive(owner: SeedUser, org: OrgIndex, anchor: number, withFiles: boolean): UserDrive {
  const rng = createRng(`drive:${owner.id}`)
  const id = driveId(`${owner.tenantId}:${owner.id}`)
  const base = personalUrl(owner)
  const docsUrl = `${base}/Documents`
  const rootId = driveItemId(`${owner.id}:root`)
  const ref = { driveId: id, driveType: 'business' as const }
  const created = anchor - rng.int(500, 900) * DAY
  const colleagues = [...org.peers(owner.id), ...org.reports(owner.id)]
  const items: SeedDriveItem[] = []

  const folderIds = new Map<string, string>()
  const files: SeedDriveItem[] = []
  if (withFiles) {
    for (const folder of FOLDERS) folderIds.set(folder, driveItemId(`${owner.id}:folder:${folder}`))
    const names = rng.shuffle(fileNames(owner.department)).slice(0, rng.int(15, 24))
    names.forEach((name, i) => {
      const kind = kindOf(name)
      const folder = rng.chance(0.45) ? rng.pick(FOLDERS) : null
      const itemId = driveItemId(`${owner.id}:file:${name}`)
      const createdAt = anchor - rng.int(10, 480) * DAY + rng.int(8, 17) * HOUR
      // A third of the files were touched last week; the rest are spread back to creation.
      const recent = i < 8
      const modifiedAt = recent
        ? anchor - rng.int(1, 7 * 24 - 2) * HOUR
        : createdAt + rng.int(0, Math.max(0, Math.floor((anchor - createdAt) / DAY) - 8)) * DAY
      const accessedAt = Math.max(
        modifiedAt,
        Math.min(anchor - rng.int(1, 90) * MINUTE, modifiedAt + rng.int(0, recent ? 24 : 72) * HOUR),
      )
      const modifier = colleagues.length > 0 && rng.chance(0.25) ? rng.pick(colleagues) : owner
      const path = folder === null ? '/drive/root:' : `/drive/root:/${folder}`
      const webUrl = kind.office
        ? `${base}/_layouts/15/Doc.aspx?sourcedoc=%7B${guid(`doc:${itemId}`).toUpperCase()}%7D&file=${encodeURIComponent(name)}&action=default&mobileredirect=true`
        : `${docsUrl}/${folder === null ? '' : `${folder}/`}${encodeURIComponent(name)}`
      files.push({
        id: itemId,
        name,
        ...tag(itemId, rng.int(1, 12)),
        size: rng.int(kind.minSize, kind.maxSize),
        webUrl,
        createdDateTime: isoSeconds(createdAt),
        lastModifiedDateTime: isoSeconds(modifiedAt),
        createdBy: { user: identity(owner) },
        lastModifiedBy: { user: identity(modifier) },
        parentReference: { ...ref, id: folder === null ? rootId : (folderIds.get(folder) ?? rootId), path },
        fileSystemInfo: {
          createdDateTime: isoSeconds(createdAt),
          lastModifiedDateTime: isoSeconds(modifiedAt),
          lastAccessedDateTime: isoSeconds(accessedAt),
        },
        file: { mimeType: kind.mimeType, hashes: { quickXorHash: base64Id(`qxh:${itemId}`, 20) } },
      })
    })
  }

  const latest = (list: SeedDriveItem[], fallback: number) =>
    list.reduce((max, f) => Math.max(max, Date.parse(f.lastModifiedDateTime)), fallback)
  const folderItems: SeedDriveItem[] = [...folderIds].map(([name, folderId]) => {
    const children = files.filter((f) => f.parentReference.id === folderId)
    const at = created + rng.int(1, 30) * DAY
    const modified = latest(children, at)
    return {
      id: folderId,
      name,
      ...tag(folderId, 1),
      size: children.reduce((n, f) => n + f.size, 0),
      webUrl: `${docsUrl}/${encodeURIComponent(name)}`,
      createdDateTime: isoSeconds(at),
      lastModifiedDateTime: isoSeconds(modified),
      createdBy: { user: identity(owner) },
      lastModifiedBy: { user: identity(owner) },
      parentReference: { ...ref, id: rootId, path: '/drive/root:' },
      fileSystemInfo: {
        createdDateTime: isoSeconds(at),
        lastModifiedDateTime: isoSeconds(modified),
        lastAccessedDateTime: isoSeconds(modified),
      },
      folder: { childCount: children.length },
    }
  })

  const rootChildren = [...folderItems, ...files.filter((f) => f.parentReference.id === rootId)]
  const used = files.reduce((n, f) => n + f.size, 0)
  const rootModified = latest([...files, ...folderItems], created)
  items.push({
    id: rootId,
    name: 'root',
    ...tag(rootId, 1),
    size: used,
    webUrl: docsUrl,
    createdDateTime: isoSeconds(created),
    lastModifiedDateTime: isoSeconds(rootModified),
    createdBy: { user: identity(owner) },
    lastModifiedBy: { user: identity(owner) },
    parentReference: ref,
    fileSystemInfo: {
      createdDateTime: isoSeconds(created),
      lastModifiedDateTime: isoSeconds(rootModified),
      lastAccessedDateTime: isoSeconds(rootModified),
    },
    folder: { childCount: rootChildren.length },
    root: {},
  })
  items.push(...folderItems, ...files)

  const drive: SeedDrive = {
    id,
    driveType: 'business',
    name: 'OneDrive',
    description: '',
    createdDateTime: isoSeconds(created),
    lastModifiedDateTime: isoSeconds(rootModified),
    webUrl: docsUrl,
    createdBy: { user: { displayName: 'System Account' } },
    owner: { user: { id: owner.id, displayName: owner.displayName, email: owner.mail } },
    quota: { deleted: 0, remaining: QUOTA_TOTAL - used, state: 'normal', total: QUOTA_TOTAL, used },
  }
  return { drive, items }
}
