// Free-text `$search` as Exchange (messages) and the People API take it: the value may be wrapped in
// double quotes; words are matched as prefixes of words in the item's searchable text; KQL-style
// `property:value` terms restrict a word to one property (e.g. `"subject:budget from:adele"`);
// terms are ANDed, `OR` separates alternatives (https://learn.microsoft.com/graph/search-query-parameter).
import type { ODataDialect } from './dialect.js'
import type { Predicate } from './filter.js'
import type { GraphObject } from './schema.js'
import { words } from './tokens.js'

/** KQL property name (lower case) → the texts it searches. */
export type TextFields = Readonly<Record<string, (item: GraphObject) => readonly string[]>>

interface Term {
  field: string | undefined
  word: string
}

export function compileTextSearch(
  raw: string,
  fields: TextFields,
  dialect: ODataDialect,
  /** The fields a word without a property searches; all of them when unset. */
  freeText: readonly string[] = Object.keys(fields),
): Predicate {
  let text = raw.trim()
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1)
  text = text.replace(/\\"/g, '"')
  const groups: Term[][] = [[]]
  for (const token of text.split(/\s+/).filter((t) => t !== '')) {
    if (token === 'OR') {
      groups.push([])
      continue
    }
    if (token === 'AND') continue
    const colon = token.indexOf(':')
    const field = colon > 0 ? token.slice(0, colon).toLowerCase() : undefined
    if (field !== undefined && fields[field]) {
      for (const word of words(token.slice(colon + 1)))
        (groups[groups.length - 1] as Term[]).push({ field, word })
    } else {
      for (const word of words(token)) (groups[groups.length - 1] as Term[]).push({ field: undefined, word })
    }
  }
  if (groups.some((g) => g.length === 0)) throw dialect.syntax(`Invalid $search query '${raw}'.`)

  const free = freeText.map((f) => fields[f]).filter((get) => get !== undefined)
  return (item: GraphObject) => {
    const cache = new Map<string | undefined, string[]>()
    const wordsOf = (field: string | undefined): string[] => {
      let list = cache.get(field)
      if (!list) {
        const sources = field === undefined ? free : [fields[field] as (i: GraphObject) => readonly string[]]
        list = sources.flatMap((get) => get(item).flatMap(words))
        cache.set(field, list)
      }
      return list
    }
    return groups.some((terms) => terms.every((t) => wordsOf(t.field).some((w) => w.startsWith(t.word))))
  }
}
