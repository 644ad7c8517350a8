// ATTACKS G50: after a run, no service log may hold a credential. Two nets: shapes (a bearer JWT,
// any JWT, an authorization code or refresh token with a value that is not the logger's
// `[redacted]`), and the exact secrets this run handed out (tokens, codes, client secrets), which
// catch opaque values no shape describes.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'

const NOT_REDACTED = String.raw`(?!\[redacted\]|%5Bredacted%5D)`
const SHAPES: readonly { name: string; pattern: RegExp }[] = [
  { name: 'bearer JWT', pattern: /Bearer ey/ },
  { name: 'JWT', pattern: /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]+/ },
  { name: 'authorization code', pattern: new RegExp(String.raw`\bcode=${NOT_REDACTED}[^&\s"\\]+`) },
  {
    name: 'refresh token',
    pattern: new RegExp(String.raw`refresh_token\\?"?\s*[:=]\s*\\?"?${NOT_REDACTED}[\w.~-]{8,}`),
  },
]

export interface Leak {
  file: string
  line: number
  what: string
}

export async function findLeaks(logFiles: readonly string[], secrets: Iterable<string>): Promise<Leak[]> {
  const known = [...new Set(secrets)].filter((s) => s.length >= 8)
  const leaks: Leak[] = []
  for (const file of logFiles) {
    const lines = (await readFile(file, 'utf8')).split('\n')
    lines.forEach((text, index) => {
      for (const shape of SHAPES)
        if (shape.pattern.test(text)) leaks.push({ file: basename(file), line: index + 1, what: shape.name })
      if (known.some((secret) => text.includes(secret)))
        leaks.push({ file: basename(file), line: index + 1, what: 'a secret issued in this run' })
    })
  }
  return leaks
}
