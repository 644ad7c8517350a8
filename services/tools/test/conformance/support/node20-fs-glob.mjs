// node:fs plus `globSync`, which Node added in 22.0. The conformance CLI (0.2 line) imports it by
// name from 'fs' and so cannot even load on Node 20; it uses it only to find `**/checks.json` under
// a results folder. This module stands in for 'fs' inside that package and nowhere else.
import fs from 'node:fs'
import { join, relative, sep } from 'node:path'

export * from 'node:fs'
export default fs

/** `globSync('**' + '/<name>', { cwd })`: every file called <name> below cwd, relative, with '/'. */
export function globSync(pattern, options = {}) {
  const cwd = options.cwd ?? process.cwd()
  const match = /^\*\*\/([^*/]+)$/.exec(pattern)
  if (!match) throw new Error(`node20-fs-glob: unsupported pattern ${pattern}`)
  const found = []
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name === match[1]) found.push(relative(cwd, path).split(sep).join('/'))
    }
  }
  walk(cwd)
  return found
}
