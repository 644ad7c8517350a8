// A OneDrive item as the file tools return it.
import { z } from 'zod'
import { compact, record, str, type GraphRecord } from './graph-values.js'

export const FILE_SELECT =
  'id,name,webUrl,size,lastModifiedDateTime,lastModifiedBy,file,folder,parentReference'

export const fileSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  kind: z.enum(['file', 'folder']).optional(),
  size: z.number().optional(),
  lastModifiedDateTime: z.string().optional(),
  lastModifiedBy: z.string().optional(),
  webUrl: z.string().optional(),
})
export type DriveFile = z.infer<typeof fileSchema>

export function toFile(raw: GraphRecord): DriveFile {
  // /recent items of other drives carry their data under remoteItem.
  const remote = record(raw.remoteItem)
  const pick = (key: string): unknown => raw[key] ?? remote[key]
  return compact({
    id: str(raw.id) ?? '',
    name: str(pick('name')),
    kind: pick('folder') ? 'folder' : pick('file') ? 'file' : undefined,
    size: typeof pick('size') === 'number' ? (pick('size') as number) : undefined,
    lastModifiedDateTime: str(pick('lastModifiedDateTime')),
    lastModifiedBy: str(record(record(pick('lastModifiedBy')).user).displayName),
    webUrl: str(pick('webUrl')),
  })
}

export function fileLine(f: DriveFile): string {
  return [
    f.name ?? '(no name)',
    f.kind === 'folder' ? '(folder)' : undefined,
    f.lastModifiedDateTime ? `modified ${f.lastModifiedDateTime}` : undefined,
    f.lastModifiedBy ? `by ${f.lastModifiedBy}` : undefined,
    f.webUrl ? `— ${f.webUrl}` : undefined,
  ]
    .filter(Boolean)
    .join(' ')
}
