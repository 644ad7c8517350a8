import { accessSync, constants, statSync } from 'node:fs'
import { findExecutable } from './find-executable.js'

export const REDIS_BINARY_MISSING =
  'redis-server is not installed: the tests that stop, kill and restart Redis start their own server ' +
  '(a REDIS_URL cannot stand in for it). Install it with `apt-get install redis-server`, or pass its path.'

/**
 * The absolute path of the redis-server to run: `binary` itself when it names a path, else the first
 * match on PATH. Throws a message saying how to install it, instead of the shell's bare exit 127.
 */
export function resolveRedisBinary(binary: string, pathVariable: string | undefined): string {
  if (binary.includes('/')) {
    try {
      accessSync(binary, constants.X_OK)
      if (statSync(binary).isFile()) return binary
    } catch {
      // Falls through to the error below.
    }
    throw new Error(`${REDIS_BINARY_MISSING} (${binary} is not an executable file)`)
  }
  const found = findExecutable(binary, pathVariable)
  if (found === undefined) throw new Error(REDIS_BINARY_MISSING)
  return found
}
