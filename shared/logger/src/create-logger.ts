// One pino logger per process, built by server.ts and handed to Fastify as `loggerInstance`.
import { pino, stdTimeFunctions, type DestinationStream, type LevelWithSilent, type Logger } from 'pino'
import { createPrettyStream } from './pretty-stream.js'
import { redactLine } from './redact-line.js'
import { serializers } from './serializers.js'

export interface CreateLoggerOptions {
  /** Service name, on every line as `service`. */
  service: string
  /** Minimum level (default `info`). */
  level?: LevelWithSilent
  /** Human-readable lines instead of JSON, for a developer's terminal. */
  pretty?: boolean
  /** Where lines go (default stdout); tests pass an in-memory stream. */
  destination?: DestinationStream
}

export function createLogger({
  service,
  level = 'info',
  pretty = false,
  destination,
}: CreateLoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    timestamp: stdTimeFunctions.isoTime,
    // Level names, not numbers, so log queries read `level="error"`.
    formatters: { level: (label: string) => ({ level: label }) },
    hooks: { streamWrite: redactLine },
    serializers,
  }
  if (pretty) return pino(options, createPrettyStream(destination ?? process.stdout))
  return destination === undefined ? pino(options) : pino(options, destination)
}
