// Comma-separated lists: items trimmed, empty items dropped, each item optionally parsed by a schema.
import type { z } from 'zod'
import { configTypeOf } from '../config-meta.js'
import { envString, invalid, ok, type Parsed } from './env-string.js'

function splitCsv(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

function parseItems<T>(raw: string, item: z.ZodType<T>): Parsed<T[]> {
  const values: T[] = []
  for (const [index, part] of splitCsv(raw).entries()) {
    const result = item.safeParse(part)
    if (!result.success) {
      return invalid(`item ${index + 1}: ${result.error.issues[0]?.message ?? 'is invalid'}`)
    }
    values.push(result.data)
  }
  return ok(values)
}

export function csv(): z.ZodPipe<z.ZodString, z.ZodTransform<string[], string>>
export function csv<T>(item: z.ZodType<T>): z.ZodPipe<z.ZodString, z.ZodTransform<T[], string>>
export function csv<T>(item?: z.ZodType<T>) {
  if (item === undefined) return envString('csv', (raw) => ok(splitCsv(raw)))
  const itemLabel = configTypeOf(item)
  const label = itemLabel === 'string' ? 'csv' : `csv of ${itemLabel}`
  return envString(label, (raw) => parseItems(raw, item))
}
