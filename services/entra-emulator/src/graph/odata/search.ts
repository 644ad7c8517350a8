// Directory `$search` (https://learn.microsoft.com/graph/search-query-parameter#using-search-on-directory-object-collections):
// clauses `"property:value"` joined by AND / OR (AND binds tighter), the whole value in double quotes
// per clause, `\"` and `\\` escaping. displayName and description are tokenized (each query word
// prefixes a word of the value); other properties match as a prefix of the whole value.
import type { ODataDialect } from './dialect.js'
import type { Predicate } from './filter.js'
import { canonicalName, readPath } from './schema.js'
import { allWordsPrefixMatch, words } from './tokens.js'

export const TOKENIZED_SEARCH_PROPERTIES = new Set(['displayName', 'description'])

interface Clause {
  property: string
  value: string
}

function malformed(dialect: ODataDialect, raw: string): never {
  throw dialect.syntax(
    `Syntax error: invalid $search query '${raw}'. Use "property:value" clauses joined by AND or OR.`,
  )
}

export function compileDirectorySearch(
  raw: string,
  searchable: readonly string[],
  dialect: ODataDialect,
): Predicate {
  const groups: Clause[][] = [[]] // OR of ANDs
  let i = 0
  let expectClause = true
  const skipSpaces = () => {
    while (raw[i] === ' ') i++
  }
  skipSpaces()
  while (i < raw.length) {
    if (expectClause) {
      if (raw[i] !== '"') malformed(dialect, raw)
      i++
      let text = ''
      for (;;) {
        if (i >= raw.length) malformed(dialect, raw)
        const c = raw[i] as string
        if (c === '\\' && (raw[i + 1] === '"' || raw[i + 1] === '\\')) {
          text += raw[i + 1]
          i += 2
        } else if (c === '"') {
          i++
          break
        } else {
          text += c
          i++
        }
      }
      const colon = text.indexOf(':')
      if (colon <= 0) malformed(dialect, raw)
      const requested = text.slice(0, colon).trim()
      const value = text.slice(colon + 1).trim()
      const property = canonicalName(searchable, requested)
      if (!property) throw dialect.unsupported(`The property '${requested}' does not support $search.`)
      if (value === '') malformed(dialect, raw)
      ;(groups[groups.length - 1] as Clause[]).push({ property, value })
      expectClause = false
    } else {
      const m = /^(AND|OR)(?= |")/i.exec(raw.slice(i))
      if (!m) malformed(dialect, raw)
      if ((m[1] as string).toUpperCase() === 'OR') groups.push([])
      i += (m[1] as string).length
      expectClause = true
    }
    skipSpaces()
  }
  if (expectClause) malformed(dialect, raw)

  const matchers = groups.map((clauses) =>
    clauses.map(({ property, value }): Predicate => {
      if (TOKENIZED_SEARCH_PROPERTIES.has(property)) {
        const queryWords = words(value)
        return (item) => {
          const actual = readPath(item, property)
          return (
            typeof actual === 'string' && queryWords.length > 0 && allWordsPrefixMatch(queryWords, actual)
          )
        }
      }
      const prefix = value.toLowerCase()
      return (item) => {
        const actual = readPath(item, property)
        return typeof actual === 'string' && actual.toLowerCase().startsWith(prefix)
      }
    }),
  )
  return (item) => matchers.some((all) => all.every((m) => m(item)))
}
