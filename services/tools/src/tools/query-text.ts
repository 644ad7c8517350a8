// Quoting user text into Graph query syntax. `$search` values are double-quoted with `\"` and `\\`
// escapes (https://learn.microsoft.com/graph/search-query-parameter); OData string literals, as in
// drive `search(q='…')`, double the single quote (OData ABNF, SQUOTE-in-string).

export function searchPhrase(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`
}

/**
 * Free text for Exchange and People `$search` (KQL): quoted and escaped like `searchPhrase`, and the
 * KQL operators (upper-case AND, OR, NOT) lower-cased so the user's words stay words, never logic.
 */
export function freeTextPhrase(text: string): string {
  return searchPhrase(text.replace(/\b(AND|OR|NOT|NEAR)\b/g, (op) => op.toLowerCase()))
}

export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

/** Whitespace-normalised search text; control characters would only confuse the query. */
export function cleanSearchText(text: string): string {
  return text
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Free-text search matches words: text without a letter or digit cannot match anything. */
export function hasWord(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text)
}
