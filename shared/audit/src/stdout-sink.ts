// One JSON line per event on stdout, beside pino's own JSON lines: `"audit":true` and the `kind`
// come first so a log pipeline can route them (`jq 'select(.audit)'`).
import type { Writable } from 'node:stream'
import type { AuditSink } from './audit-sink.js'

export function stdoutSink(stream: Writable = process.stdout): AuditSink {
  return {
    name: 'stdout',
    write: (event) =>
      new Promise<void>((resolve, reject) => {
        const line = `${JSON.stringify({ audit: true, ...event })}\n`
        stream.write(line, (err) => (err ? reject(err) : resolve()))
      }),
  }
}
