// What the query options may touch on an entity type. Items are plain Graph JSON objects; filter and
// sort paths use OData's `/` navigation into complex properties (e.g. `from/emailAddress/address`).
// Graph matches property names case-insensitively; responses use the canonical spelling.

export type GraphObject = Record<string, unknown>

export type ScalarType = 'string' | 'boolean' | 'dateTime' | 'number'

export interface EntitySchema {
  /** Qualified type name for error messages, e.g. `microsoft.graph.user`. */
  typeName: string
  /** Short name the directory uses in filter errors, e.g. `User`. */
  resourceLabel: string
  /** Every top-level property `$select` may name. */
  properties: readonly string[]
  /** Properties returned without `$select`; all of `properties` when unset. */
  defaultProperties?: readonly string[]
  /** Paths `$filter` may compare, with their EDM type. */
  filterable: Readonly<Record<string, ScalarType>>
  /** Paths `$orderby` may sort on. */
  sortable: Readonly<Record<string, ScalarType>>
}

/** The canonical spelling of `name` among `names`, matched case-insensitively. */
export function canonicalName(names: Iterable<string>, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const n of names) if (n.toLowerCase() === lower) return n
  return undefined
}

export function readPath(item: GraphObject, path: string): unknown {
  let value: unknown = item
  for (const segment of path.split('/')) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as GraphObject)[segment]
  }
  return value
}
