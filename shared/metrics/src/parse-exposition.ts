// Reads samples back from the Prometheus text exposition format (version 0.0.4): what a scrape of
// /metrics answers. For the services' tests and smoke checks, which assert on a real scrape; it
// throws on a line that is not a comment, a blank or a well-formed sample, so it also checks the
// format.
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy

function unescape(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c))
}

function parseValue(raw: string): number {
  // Go's ParseFloat, which Prometheus uses, takes these case-insensitively (prom-client writes `Nan`).
  const special = raw.toLowerCase()
  if (special === 'nan') return NaN
  if (special === '+inf' || special === 'inf') return Infinity
  if (special === '-inf') return -Infinity
  const value = Number(raw)
  if (Number.isNaN(value)) throw new SyntaxError(`not a sample value: ${raw}`)
  return value
}

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue
    const match = SAMPLE.exec(line)
    if (!match) throw new SyntaxError(`not a sample line: ${line}`)
    const [, name = '', rawLabels = '', rawValue = ''] = match
    const labels: Record<string, string> = {}
    LABEL.lastIndex = 0
    while (LABEL.lastIndex < rawLabels.length) {
      const label = LABEL.exec(rawLabels)
      if (!label) throw new SyntaxError(`bad labels: ${rawLabels}`)
      labels[label[1] ?? ''] = unescape(label[2] ?? '')
    }
    samples.push({ name, labels, value: parseValue(rawValue) })
  }
  return samples
}

/** The sum of the samples with this name whose labels include `labels` (0 when none does). */
export function sampleValue(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  )
  return found.reduce((sum, s) => sum + s.value, 0)
}
