// Evaluates a parsed `$filter` against Graph objects. The directory runs `ne`, `not` and `endsWith`
// only as "advanced queries" (header `ConsistencyLevel: eventual` plus `$count=true`), answering
// Request_UnsupportedQuery otherwise (https://learn.microsoft.com/graph/aad-advanced-queries).
// String comparisons are case-insensitive, as both the directory and Exchange compare them.
import type { ODataDialect } from './dialect.js'
import { FilterSyntaxError, FilterUnsupportedError, parseFilter } from './filter-parser.js'
import type { FilterLiteral, FilterNode } from './filter-parser.js'
import { canonicalName, readPath } from './schema.js'
import type { EntitySchema, GraphObject, ScalarType } from './schema.js'

export type Predicate = (item: GraphObject) => boolean

export interface FilterOptions {
  /** Whether the request qualifies as a directory advanced query. */
  advanced: boolean
}

const EDM: Record<FilterLiteral['type'], string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  null: 'null',
  number: 'Edm.Int32',
  dateTime: 'Edm.DateTimeOffset',
}

export function compileFilter(
  text: string,
  schema: EntitySchema,
  dialect: ODataDialect,
  options: FilterOptions,
): Predicate {
  let tree: FilterNode
  try {
    tree = parseFilter(text)
  } catch (err) {
    if (err instanceof FilterSyntaxError) {
      throw dialect.syntax(`Invalid filter clause: Syntax error at position ${err.position} in '${text}'.`)
    }
    if (err instanceof FilterUnsupportedError) {
      throw dialect.unsupported(`Invalid filter clause: the function '${err.message}' is not supported.`)
    }
    throw err
  }

  const needsAdvanced = (path: string): never => {
    throw dialect.unsupported(
      `Unsupported or invalid query filter clause specified for property '${path}' of resource '${schema.resourceLabel}'.`,
    )
  }
  const advancedOnly = dialect.workload === 'directory' && !options.advanced

  function property(path: string): { path: string; type: ScalarType } {
    const canonical = canonicalName(Object.keys(schema.filterable), path)
    if (canonical) return { path: canonical, type: schema.filterable[canonical] as ScalarType }
    const top = path.split('/')[0] ?? path
    if (!canonicalName(schema.properties, top)) throw dialect.unknownProperty(top, schema.typeName)
    return needsAdvanced(path)
  }

  function checkType(type: ScalarType, literal: FilterLiteral, op: string): void {
    if (literal.type === 'null' || literal.type === type) return
    throw dialect.syntax(
      `A binary operator with incompatible types was detected. Found operand types '${EDM[type]}' and '${EDM[literal.type]}' for operator kind '${op}'.`,
    )
  }

  function compile(node: FilterNode): Predicate {
    switch (node.kind) {
      case 'and': {
        const l = compile(node.left)
        const r = compile(node.right)
        return (item) => l(item) && r(item)
      }
      case 'or': {
        const l = compile(node.left)
        const r = compile(node.right)
        return (item) => l(item) || r(item)
      }
      case 'not': {
        if (advancedOnly) needsAdvanced(firstPath(node.operand))
        const inner = compile(node.operand)
        return (item) => !inner(item)
      }
      case 'compare': {
        const prop = property(node.path)
        checkType(prop.type, node.value, node.op)
        if (advancedOnly && node.op === 'ne') needsAdvanced(prop.path)
        const expected = node.value
        const op = node.op
        return (item) => {
          const c = compareValues(readPath(item, prop.path), expected, prop.type)
          if (c === undefined) return op === 'ne'
          switch (op) {
            case 'eq':
              return c === 0
            case 'ne':
              return c !== 0
            case 'gt':
              return c > 0
            case 'ge':
              return c >= 0
            case 'lt':
              return c < 0
            case 'le':
              return c <= 0
          }
        }
      }
      case 'in': {
        const prop = property(node.path)
        for (const v of node.values) checkType(prop.type, v, 'In')
        const values = node.values
        return (item) => {
          const actual = readPath(item, prop.path)
          return values.some((v) => compareValues(actual, v, prop.type) === 0)
        }
      }
      case 'call': {
        const prop = property(node.path)
        if (prop.type !== 'string' || node.value.type !== 'string') {
          throw dialect.syntax(`The function '${node.fn}' needs a string property and a string literal.`)
        }
        if (node.fn === 'contains' && dialect.workload === 'directory') {
          throw dialect.unsupported(`Unsupported Query.`)
        }
        if (node.fn === 'endswith' && advancedOnly) needsAdvanced(prop.path)
        const needle = node.value.value.toLowerCase()
        const fn = node.fn
        return (item) => {
          const actual = readPath(item, prop.path)
          if (typeof actual !== 'string') return false
          const hay = actual.toLowerCase()
          return fn === 'startswith'
            ? hay.startsWith(needle)
            : fn === 'endswith'
              ? hay.endsWith(needle)
              : hay.includes(needle)
        }
      }
    }
  }

  return compile(tree)
}

function firstPath(node: FilterNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return firstPath(node.left)
    case 'not':
      return firstPath(node.operand)
    default:
      return node.path
  }
}

/** Three-way comparison; undefined when the values cannot be ordered (null against a value). */
function compareValues(actual: unknown, expected: FilterLiteral, type: ScalarType): number | undefined {
  if (expected.type === 'null') return actual === null || actual === undefined ? 0 : undefined
  if (actual === null || actual === undefined) return undefined
  if (type === 'dateTime' && expected.type === 'dateTime' && typeof actual === 'string') {
    return Math.sign(Date.parse(actual) - expected.value)
  }
  if (expected.type === 'string' && typeof actual === 'string') {
    const a = actual.toLowerCase()
    const b = expected.value.toLowerCase()
    return a < b ? -1 : a > b ? 1 : 0
  }
  if (expected.type === 'boolean' && typeof actual === 'boolean')
    return actual === expected.value ? 0 : actual ? 1 : -1
  if (expected.type === 'number' && typeof actual === 'number') return Math.sign(actual - expected.value)
  return undefined
}
