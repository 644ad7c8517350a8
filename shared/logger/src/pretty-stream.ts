// Human-readable lines for a developer's terminal (`npm start`): `12:00:00.000 INFO  auth: message {…}`.
// It formats pino's JSON after serialization, so everything redacted stays redacted.

export interface LineSink {
  write(chunk: string): unknown
}

const RESERVED = new Set(['level', 'time', 'service', 'msg', 'err'])

export function createPrettyStream(sink: LineSink): LineSink {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (line !== '') sink.write(`${formatLine(line)}\n`)
      }
    },
  }
}

function formatLine(line: string): string {
  let entry: Record<string, unknown>
  try {
    entry = JSON.parse(line) as Record<string, unknown>
  } catch {
    return line
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : ''
  const level = (typeof entry.level === 'string' ? entry.level : '').toUpperCase().padEnd(5)
  const message = typeof entry.msg === 'string' ? entry.msg : ''
  const extra = Object.fromEntries(Object.entries(entry).filter(([key]) => !RESERVED.has(key)))
  const details = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : ''
  const stack = errorStack(entry.err)
  const service = typeof entry.service === 'string' ? entry.service : ''
  return `${time} ${level} ${service}: ${message}${details}${stack}`
}

function errorStack(err: unknown): string {
  if (typeof err !== 'object' || err === null) return ''
  const { stack, code } = err as { stack?: unknown; code?: unknown }
  const codeText = typeof code === 'string' || typeof code === 'number' ? ` [${code}]` : ''
  return typeof stack === 'string' ? `\n    ${stack.replace(/\n/g, '\n    ')}${codeText}` : ''
}
