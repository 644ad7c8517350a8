// The metadata the coercion helpers attach (zod 4 global registry, `.meta()`), and the walk that
// reads it back through the wrappers a schema author adds (`.optional()`, `.default()`, `.describe()`…).
import { z } from 'zod'

/** Metadata key holding the short human type label (`port`, `duration`, `enum: a | b`…). */
export const CONFIG_TYPE = 'configType'

/** Attaches the type label that `describeConfig` renders for this schema. */
export function withConfigType<S extends z.ZodType>(schema: S, label: string): S {
  return schema.meta({ [CONFIG_TYPE]: label })
}

/** The schema itself, then each schema it wraps, outermost first. */
export function* schemaLayers(schema: z.ZodType): Generator<z.ZodType> {
  let current: z.ZodType | undefined = schema
  while (current !== undefined) {
    yield current
    current = innerSchema(current)
  }
}

function innerSchema(schema: z.ZodType): z.ZodType | undefined {
  const def = schema.def as { type: string; innerType?: unknown; in?: unknown }
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return def.innerType as z.ZodType
    case 'pipe':
      return def.in as z.ZodType
    default:
      return undefined
  }
}

/** First value of a metadata field found from the outermost layer inwards. */
export function findMeta(schema: z.ZodType, field: string): unknown {
  for (const layer of schemaLayers(schema)) {
    const value = z.globalRegistry.get(layer)?.[field]
    if (value !== undefined) return value
  }
  return undefined
}

export function configTypeOf(schema: z.ZodType): string {
  const label = findMeta(schema, CONFIG_TYPE)
  if (typeof label === 'string') return label
  return fallbackLabel(schema)
}

/** `secret`, or a list of secrets (`csv of secret`). */
export function isSecretLabel(label: string): boolean {
  return /\bsecret\b/.test(label)
}

export function isSecretSchema(schema: z.ZodType): boolean {
  return isSecretLabel(configTypeOf(schema))
}

// Plain zod schemas (z.string(), z.enum([...]) …) get a label from their innermost definition.
function fallbackLabel(schema: z.ZodType): string {
  let innermost = schema
  for (const layer of schemaLayers(schema)) innermost = layer
  const def = innermost.def as { type: string; entries?: Record<string, string | number> }
  if (def.type === 'enum' && def.entries) return `enum: ${Object.values(def.entries).join(' | ')}`
  if (def.type === 'int') return 'integer'
  return def.type
}
