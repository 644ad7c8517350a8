// `$select` (OData v4.01 URL conventions §5.1.3): only the named properties plus `id`, which Graph
// always returns. `*` selects every property. Unknown names are refused in the workload's words.
import type { ODataDialect } from './dialect.js'
import { canonicalName } from './schema.js'
import type { EntitySchema, GraphObject } from './schema.js'

/** The canonical property list `$select` names, or undefined for the entity's default set. */
export function parseSelect(
  raw: string | undefined,
  schema: EntitySchema,
  dialect: ODataDialect,
): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  const names: string[] = []
  for (const part of raw.split(',')) {
    const name = part.trim()
    if (name === '') throw dialect.syntax(`Syntax error: an empty property name in $select '${raw}'.`)
    if (name === '*') return [...schema.properties]
    const canonical = canonicalName(schema.properties, name)
    if (!canonical) throw dialect.unknownProperty(name, schema.typeName)
    if (!names.includes(canonical)) names.push(canonical)
  }
  return names
}

/**
 * Projects a Graph object onto the selected properties, keeping OData annotations such as
 * `@odata.type` and `@odata.etag`. Explicitly selected properties the object lacks come back null,
 * as in Graph; the default set keeps only what the object has (absent facets stay absent).
 */
export function project(
  item: GraphObject,
  schema: EntitySchema,
  selected: readonly string[] | undefined,
): GraphObject {
  const out: GraphObject = {}
  for (const [key, value] of Object.entries(item)) if (key.startsWith('@odata.')) out[key] = value
  if ('id' in item) out.id = item.id
  if (selected) {
    for (const name of selected) if (name !== 'id') out[name] = item[name] ?? null
    return out
  }
  for (const name of schema.defaultProperties ?? schema.properties) {
    if (name !== 'id' && item[name] !== undefined) out[name] = item[name]
  }
  return out
}

/** The `(a,b)` suffix Graph adds to `@odata.context` for a `$select`. */
export function selectContextSuffix(selected: readonly string[] | undefined): string {
  return selected ? `(${selected.join(',')})` : ''
}
