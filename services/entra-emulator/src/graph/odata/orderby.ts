// `$orderby` (OData v4.01 URL conventions §5.1.5): comma-separated `path [asc|desc]`. Only the
// schema's sortable paths are accepted; string order is case-insensitive, nulls sort first.
import type { ODataDialect } from './dialect.js'
import { canonicalName, readPath } from './schema.js'
import type { EntitySchema, GraphObject, ScalarType } from './schema.js'

export interface OrderKey {
  path: string
  type: ScalarType
  descending: boolean
}

export function parseOrderBy(
  raw: string | undefined,
  schema: EntitySchema,
  dialect: ODataDialect,
): OrderKey[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  return raw.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_/]*)(?:\s+(asc|desc))?\s*$/i.exec(part)
    if (!m) throw dialect.syntax(`Syntax error in '$orderby': '${part.trim()}'.`)
    const requested = m[1] as string
    const path = canonicalName(Object.keys(schema.sortable), requested)
    if (!path) {
      const top = requested.split('/')[0] ?? requested
      if (!canonicalName(schema.properties, top)) throw dialect.unknownProperty(top, schema.typeName)
      throw dialect.unsupported(`Sorting on the property '${requested}' is not supported.`)
    }
    return { path, type: schema.sortable[path] as ScalarType, descending: m[2]?.toLowerCase() === 'desc' }
  })
}

function rank(value: unknown, type: ScalarType): number | string | undefined {
  if (value === null || value === undefined) return undefined
  if (type === 'dateTime' && typeof value === 'string') return Date.parse(value)
  if (type === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') return value
  return typeof value === 'string' ? value.toLowerCase() : JSON.stringify(value)
}

export function comparator(keys: readonly OrderKey[]): (a: GraphObject, b: GraphObject) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = rank(readPath(a, key.path), key.type)
      const y = rank(readPath(b, key.path), key.type)
      let c = 0
      if (x === undefined || y === undefined) c = x === y ? 0 : x === undefined ? -1 : 1
      else c = x < y ? -1 : x > y ? 1 : 0
      if (c !== 0) return key.descending ? -c : c
    }
    return 0
  }
}
