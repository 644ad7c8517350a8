// An error the operator fixes (a port in use, a bad setting): server.ts prints its message alone and
// exits 1, without a stack trace.
import { ConfigError, formatConfigError } from '@m365mcp/config'

export class StartupError extends Error {
  override readonly name = 'StartupError'
  readonly code = 'startup_failed'
}

export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError
}

/** A listener could not bind: name the port and the variable that moves it. */
export function portInUse(port: number, variable: string): StartupError {
  return new StartupError(
    `Port ${port} is already in use (${variable}). Stop whatever listens on it, or start with ${variable}=<another free port>.`,
  )
}

/** Maps EADDRINUSE (which carries the port) to portInUse; other errors pass through. */
export function toPortError(error: unknown, variables: ReadonlyMap<number, string>): unknown {
  const failure = error as NodeJS.ErrnoException & { port?: number }
  if (failure?.code !== 'EADDRINUSE' || typeof failure.port !== 'number') return error
  return portInUse(failure.port, variables.get(failure.port) ?? 'its port setting')
}

/** A service's schema refused the composed environment: list every bad key under the service. */
export function toConfigError(error: unknown, service: string): unknown {
  return error instanceof ConfigError ? new StartupError(formatConfigError(error, service)) : error
}
