// Base of every coercion helper: an environment string parsed by a plain function that either
// returns the value or a human reason. The reason never quotes the raw value; `loadConfig` decides
// whether the value may be shown (it must not be for secrets).
import { z } from 'zod'
import { withConfigType } from '../config-meta.js'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
export const invalid = (reason: string): Parsed<never> => ({ ok: false, reason })

export interface EnvStringOptions {
  /** Trim surrounding whitespace before parsing (default true; secrets are taken verbatim). */
  trim?: boolean
}

export function envString<T>(
  label: string,
  parse: (raw: string) => Parsed<T>,
  { trim = true }: EnvStringOptions = {},
): z.ZodPipe<z.ZodString, z.ZodTransform<T, string>> {
  const schema = z.string().transform((raw, ctx): T => {
    const result = parse(trim ? raw.trim() : raw)
    if (result.ok) return result.value
    ctx.issues.push({ code: 'custom', message: result.reason, input: raw })
    return z.NEVER
  })
  return withConfigType(schema, label)
}
