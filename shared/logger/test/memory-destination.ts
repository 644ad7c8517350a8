// An in-memory pino destination: every written line, parsed and raw.
export function memoryDestination() {
  const lines: string[] = []
  return {
    lines,
    write(chunk: string) {
      lines.push(...chunk.split('\n').filter((line) => line !== ''))
    },
    text: () => lines.join('\n'),
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed log lines, asserted field by field
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, any>),
  }
}
