// A pino logger whose lines are kept in memory, so tests can check what reached the logs (request
// ids, Graph codes) as opposed to what reached the model.
import { Writable } from 'node:stream'
import pino, { type Logger } from 'pino'

export interface CapturedLogger {
  logger: Logger
  lines(): Record<string, unknown>[]
}

export function captureLogger(): CapturedLogger {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>)
      done()
    },
  })
  return { logger: pino({ level: 'debug' }, stream), lines: () => [...lines] }
}
