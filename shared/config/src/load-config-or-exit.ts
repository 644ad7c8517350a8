// For server.ts: a bad configuration is an operator error, not a crash, so print the readable list
// and exit 1 instead of a stack trace.
import type { z } from 'zod'
import { ConfigError, formatConfigError } from './config-error.js'
import { loadConfig, type Env } from './load-config.js'

export interface LoadConfigOrExitOptions {
  service: string
  stderr?: { write(text: string): unknown }
  exit?: (code: number) => never
}

export function loadConfigOrExit<S extends z.ZodObject>(
  schema: S,
  env: Env,
  { service, stderr = process.stderr, exit = (code) => process.exit(code) }: LoadConfigOrExitOptions,
): Readonly<z.output<S>> {
  try {
    return loadConfig(schema, env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    stderr.write(`${formatConfigError(error, service)}\n`)
    return exit(1)
  }
}
