// Redaction of a serialized pino line (pino's `hooks.streamWrite`), after serializers, bindings and
// formatters have run, so nothing reaches the destination unredacted whatever produced it. Lines that
// mention no sensitive key, the common case, pass through after one regular-expression scan.
import { REDACTED, sensitiveKeys } from './redact-paths.js'

const SENSITIVE = new Set(sensitiveKeys.map((key) => key.toLowerCase()))
const escape = (key: string): string => key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
const MENTIONS_SENSITIVE_KEY = new RegExp(`"(?:${sensitiveKeys.map(escape).join('|')})":`, 'i')

// An Error's own `code` (pino's `err` key) is an identifier operators need, such as ECONNREFUSED,
// FST_ERR_VALIDATION or invalid_grant; an OAuth code or token there is mixed-case random text and is
// still redacted.
const ERROR_IDENTIFIER = /^(?:[A-Z][A-Z0-9_]{0,63}|[a-z][a-z0-9_]{0,63})$/

const WITHHELD = JSON.stringify({
  level: 'error',
  msg: 'log line withheld: it could not be parsed for redaction',
})

export function redactLine(line: string): string {
  if (!MENTIONS_SENSITIVE_KEY.test(line)) return line
  let entry: unknown
  try {
    entry = JSON.parse(line)
  } catch {
    return `${WITHHELD}\n`
  }
  return `${JSON.stringify(redactValue(entry, []))}\n`
}

function redactValue(value: unknown, path: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, [...path, String(index)]))
  if (typeof value !== 'object' || value === null) return value
  const result: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key]
    result[key] =
      SENSITIVE.has(key.toLowerCase()) && !isErrorIdentifier(child, childPath)
        ? REDACTED
        : redactValue(child, childPath)
  }
  return result
}

function isErrorIdentifier(value: unknown, path: readonly string[]): boolean {
  if (path.length !== 2 || path[0] !== 'err' || path[1] !== 'code') return false
  return typeof value === 'number' || (typeof value === 'string' && ERROR_IDENTIFIER.test(value))
}
