// The key patterns docs/storage-schema.md documents, as regexes, so a scan of Redis can name every
// key nobody documented. The doc's key tables are markdown tables whose header's first cell is
// "Key"; each row's first cell is one backticked pattern, e.g. `auth:rt:<sha256(token)>`:
//   - literal text is matched as is;
//   - `<name>` is one key segment (no `:`, as the doc's conventions say), except `<bucket>`, an
//     address bucket that may be an IPv6 /64 (`2001:db8::/64`) and so may hold `:`;
//   - `<prefix>` is a deployment prefix: one or more `name:` segments; patterns without it (the
//     auth service's `auth:…`) are relative to REDIS_PREFIX (see isDocumentedAs);
//   - `*` is anything (e.g. BullMQ's own keys under `<prefix>bull:audit:*`).
// Pub/sub channel tables (header "Channel") are not keys and are skipped.
import { readFile } from 'node:fs/promises'

export const STORAGE_SCHEMA_URL = new URL('../../../../docs/storage-schema.md', import.meta.url)

export interface DocumentedKey {
  /** The pattern as written in the doc. */
  pattern: string
  regex: RegExp
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

/** One documented pattern as an anchored regex. */
export function keyPatternRegex(pattern: string): RegExp {
  let source = ''
  for (const part of pattern.split(/(<[^>]+>|\*)/)) {
    if (part === '') continue
    if (part === '*') source += '.*'
    else if (part === '<prefix>') source += '(?:[A-Za-z0-9_.-]+:)+'
    else if (part === '<bucket>') source += '[^/\\s]+(?:/64)?'
    else if (part.startsWith('<')) source += '[^:\\s]+'
    else source += escapeRegex(part)
  }
  return new RegExp(`^${source}$`)
}

/** Cells of one markdown table row (`\|` inside a cell is not a separator). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim())
}

/** Every key pattern of the doc's key tables. */
export function parseKeyPatterns(markdown: string): DocumentedKey[] {
  const found: DocumentedKey[] = []
  let inKeyTable = false
  let previous = ''
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) {
      inKeyTable = false
      previous = line
      continue
    }
    const row = cells(line)
    if (/^[-:\s|]+$/.test(line.trim())) {
      // The separator row: the line before it was the header.
      inKeyTable = cells(previous)[0] === 'Key'
    } else if (inKeyTable) {
      const pattern = /^`([^`]+)`$/.exec(row[0] ?? '')?.[1]
      if (pattern !== undefined) found.push({ pattern, regex: keyPatternRegex(pattern) })
    }
    previous = line
  }
  return found
}

export async function documentedKeyPatterns(): Promise<DocumentedKey[]> {
  return parseKeyPatterns(await readFile(STORAGE_SCHEMA_URL, 'utf8'))
}

/**
 * Whether `key` (without the test's own prefix) is one `documented` describes. The service sections'
 * patterns (`auth:…`) are relative to the deployment prefix (REDIS_PREFIX, default `m365mcp:`):
 * `deploymentPrefix` is stripped before they are matched; `<prefix>…` patterns match the key whole.
 */
export function isDocumentedAs(key: string, documented: DocumentedKey, deploymentPrefix: string): boolean {
  if (documented.pattern.startsWith('<prefix>')) return documented.regex.test(key)
  return key.startsWith(deploymentPrefix) && documented.regex.test(key.slice(deploymentPrefix.length))
}

/** Keys (without the test's own prefix) no documented pattern matches. */
export function undocumentedKeys(
  keys: readonly string[],
  documented: readonly DocumentedKey[],
  deploymentPrefix: string,
): string[] {
  return keys.filter((key) => !documented.some((d) => isDocumentedAs(key, d, deploymentPrefix)))
}
