// Parses a service's environment once at start (house style §2). Only the schema's keys are read
// from `env`; empty values count as unset so `FOO=` in a compose file falls back to the default.
import type { z } from 'zod'
import { ConfigError, type ConfigIssue } from './config-error.js'
import { isSecretSchema } from './config-meta.js'
import { gotSuffix } from './display-value.js'

export type Env = Readonly<Record<string, string | undefined>>

const OBJECT_LEVEL = '(config)'

export function loadConfig<S extends z.ZodObject>(schema: S, env: Env): Readonly<z.output<S>> {
  const shape = schema.shape as Record<string, z.ZodType>
  const input: Record<string, string | undefined> = {}
  for (const key of Object.keys(shape)) input[key] = present(env[key])

  const result = schema.safeParse(input, {
    // zod reports a missing value as "expected string, received undefined"; say what it means.
    error: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined),
  })
  if (result.success) return Object.freeze(result.data)
  throw new ConfigError(collectIssues(result.error, shape, input))
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value
}

// One entry per key, in schema order, several reasons for one key joined.
function collectIssues(
  error: z.ZodError,
  shape: Record<string, z.ZodType>,
  input: Record<string, string | undefined>,
): ConfigIssue[] {
  const reasons = new Map<string, string[]>()
  for (const issue of error.issues) {
    const [first, ...rest] = issue.path
    const key = first === undefined ? OBJECT_LEVEL : String(first)
    const where = rest.length > 0 ? `${rest.join('.')}: ` : ''
    reasons.set(key, [...(reasons.get(key) ?? []), `${where}${issue.message}`])
  }
  const order = [...Object.keys(shape), OBJECT_LEVEL]
  return [...reasons.keys()]
    .sort((a, b) => order.indexOf(a) - order.indexOf(b))
    .map((key) => {
      const fieldSchema = shape[key]
      const raw = input[key]
      const secret = fieldSchema === undefined || isSecretSchema(fieldSchema)
      const reason = unique(reasons.get(key) ?? []).join('; ')
      return { key, reason: `${reason}${gotSuffix(key, raw, secret)}` }
    })
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}
