import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The absolute path of `name` in the first PATH directory holding an executable file of that name. */
export function findExecutable(name: string, pathVariable: string | undefined): string | undefined {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '') continue
    const candidate = join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // Not here: try the next directory.
    }
  }
  return undefined
}
