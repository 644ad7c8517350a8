// Rows of the configuration reference, read from the schema itself so the docs cannot drift from
// what the service accepts.
import { z } from 'zod'
import { configTypeOf, findMeta, isSecretLabel, schemaLayers } from './config-meta.js'
import { formatDuration } from './schemas/duration.js'

export interface ConfigRow {
  key: string
  /** Short human label: `port`, `url`, `duration`, `csv`, `bool`, `secret`, `string`, `enum: a | b`… */
  type: string
  required: boolean
  /** The default as an operator would write it; never rendered for secrets. */
  default: string | undefined
  /** Whether a default applies when unset (true for secrets too, whose default is withheld). */
  hasDefault: boolean
  secret: boolean
  /** From `.describe()` / `.meta({ description })`; empty when missing. */
  description: string
}

export function describeConfig(schema: z.ZodObject): ConfigRow[] {
  const shape = schema.shape as Record<string, z.ZodType>
  return Object.entries(shape).map(([key, field]) => {
    const type = configTypeOf(field)
    const secret = isSecretLabel(type)
    const description = findMeta(field, 'description')
    const fallback = defaultOf(field, type)
    return {
      key,
      type,
      // "May the slot be absent?" is `optin !== undefined` (optional or defaulted), per zod's internals.
      required: field._zod.optin === undefined,
      default: secret ? undefined : fallback,
      hasDefault: fallback !== undefined,
      secret,
      description: typeof description === 'string' ? description : '',
    }
  })
}

function defaultOf(field: z.ZodType, type: string): string | undefined {
  for (const layer of schemaLayers(field)) {
    if (layer instanceof z.ZodPrefault) return renderValue(layer.def.defaultValue, 'string')
    if (layer instanceof z.ZodDefault) return renderValue(layer.def.defaultValue, type)
  }
  return undefined
}

// `.default()` holds the parsed value; print it the way it would be written in the environment.
function renderValue(value: unknown, type: string): string {
  if (Array.isArray(value)) return value.map((item) => renderValue(item, 'string')).join(',')
  if (type === 'duration' && typeof value === 'number') return formatDuration(value)
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value)
  }
  return JSON.stringify(value) ?? String(value)
}
