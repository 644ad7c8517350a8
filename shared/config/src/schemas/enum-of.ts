import { envString, invalid, ok } from './env-string.js'

/** One of a fixed list of strings (exact, case-sensitive). */
export function enumOf<const T extends readonly [string, ...string[]]>(values: T) {
  const allowed = new Set<string>(values)
  const isAllowed = (raw: string): raw is T[number] => allowed.has(raw)
  return envString(`enum: ${values.join(' | ')}`, (raw) =>
    isAllowed(raw) ? ok(raw) : invalid(`must be one of ${values.join(', ')}`),
  )
}
