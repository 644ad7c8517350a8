import { envString, invalid, ok, type Parsed } from './env-string.js'

export interface IntOptions {
  min?: number
  max?: number
}

const INTEGER = /^[+-]?\d+$/

export function parseInteger(raw: string, { min, max }: IntOptions, label = 'an integer'): Parsed<number> {
  const value = INTEGER.test(raw) ? Number(raw) : Number.NaN
  const inRange =
    Number.isSafeInteger(value) && (min === undefined || value >= min) && (max === undefined || value <= max)
  return inRange ? ok(value) : invalid(`must be ${label}${rangeText(min, max)}`)
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return ` between ${min} and ${max}`
  if (min !== undefined) return ` of at least ${min}`
  if (max !== undefined) return ` of at most ${max}`
  return ''
}

/** A base-10 integer, optionally bounded (inclusive). */
export function int(options: IntOptions = {}) {
  return envString('integer', (raw) => parseInteger(raw, options))
}
