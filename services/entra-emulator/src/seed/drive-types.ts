// OneDrive seed records, in Graph v1.0 shape (see types.ts for the storage rule).
import type { GraphIdentity } from './graph-types.js'

/** Graph `drive` (v1.0), the user's OneDrive for Business (/me/drive). */
export interface SeedDrive {
  id: string
  driveType: 'business'
  name: string
  description: string
  createdDateTime: string
  lastModifiedDateTime: string
  webUrl: string
  createdBy: { user: { displayName: string } }
  owner: { user: { id: string; displayName: string; email: string } }
  quota: { deleted: number; remaining: number; state: 'normal'; total: number; used: number }
}

/**
 * Graph `driveItem` (v1.0). The drive's root is an item with `root: {}` (and no parentReference
 * id/path beyond the drive); other items point at their parent with `parentReference.id` and
 * `parentReference.path` ("/drive/root:" or "/drive/root:/Projects"). Files have `file`, folders
 * have `folder`. `fileSystemInfo.lastAccessedDateTime` is Graph's own field, which Graph fills only
 * in the /me/drive/recent list: sort by it for /recent and drop it elsewhere.
 */
export interface SeedDriveItem {
  id: string
  name: string
  eTag: string
  cTag: string
  size: number
  webUrl: string
  createdDateTime: string
  lastModifiedDateTime: string
  createdBy: { user: GraphIdentity }
  lastModifiedBy: { user: GraphIdentity }
  parentReference: {
    driveId: string
    driveType: 'business'
    id?: string
    name?: string
    path?: string
  }
  fileSystemInfo: {
    createdDateTime: string
    lastModifiedDateTime: string
    lastAccessedDateTime: string
  }
  file?: { mimeType: string; hashes: { quickXorHash: string } }
  folder?: { childCount: number }
  root?: Record<string, never>
}
