// Word splitting shared by the search implementations: the directory tokenizes displayName and
// description on spaces, punctuation and lower→upper case changes ("AdeleVance" → adele, vance);
// Exchange and the People API match query words as prefixes of such words.

export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
}

/** True when every query word is a prefix of some word of the text. */
export function allWordsPrefixMatch(queryWords: readonly string[], text: string): boolean {
  const target = words(text)
  return queryWords.every((q) => target.some((w) => w.startsWith(q)))
}
