// Graph `driveItem` (https://learn.microsoft.com/graph/api/resources/driveitem). Graph fills
// `fileSystemInfo.lastAccessedDateTime` only in the /recent list; elsewhere it is dropped.
import type { SeedDriveItem } from '../../seed/types.js'
import type { EntitySchema, GraphObject } from '../odata/schema.js'

export const DRIVE_ITEM_SCHEMA: EntitySchema = {
  typeName: 'microsoft.graph.driveItem',
  resourceLabel: 'DriveItem',
  properties: [
    'id',
    'name',
    'eTag',
    'cTag',
    'size',
    'webUrl',
    'createdDateTime',
    'lastModifiedDateTime',
    'createdBy',
    'lastModifiedBy',
    'parentReference',
    'fileSystemInfo',
    'file',
    'folder',
    'root',
  ],
  filterable: { name: 'string', lastModifiedDateTime: 'dateTime', size: 'number' },
  sortable: { name: 'string', lastModifiedDateTime: 'dateTime', size: 'number' },
}

export function toGraphDriveItem(item: SeedDriveItem, keepLastAccessed = false): GraphObject {
  const { lastAccessedDateTime, ...fileSystemInfo } = item.fileSystemInfo
  return {
    ...item,
    fileSystemInfo: keepLastAccessed ? { ...fileSystemInfo, lastAccessedDateTime } : fileSystemInfo,
  }
}
