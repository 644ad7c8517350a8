// Reading OAuth request parameters from a query string or form body. RFC 6749 §3.1 and §3.2:
// parameters sent without a value are treated as omitted, and a parameter must not appear more
// than once (ATTACKS A7: two redirect_uri or client_id values must not let two components see
// different ones). RFC 8707 `resource` may repeat when the caller allows it. Size caps refuse
// oversized input before anything else looks at it (ATTACKS A11).
import { OAuthError } from './errors.js'

export interface ParamLimits {
  /** Longest value in UTF-8 bytes; default 4096. */
  readonly maxValueBytes?: number
  /** All names and values together in UTF-8 bytes; default 16384. */
  readonly maxTotalBytes?: number
  /** Distinct parameter names; default 64. */
  readonly maxParams?: number
}

export interface ReadParamsOptions extends ParamLimits {
  /** Names that may appear more than once (e.g. `resource`). */
  readonly multiValued?: readonly string[]
}

export interface OAuthParams {
  /** The single value of `name`, or undefined when absent or empty. */
  get(name: string): string | undefined
  /** Every non-empty value of a multi-valued name, in order. */
  getAll(name: string): readonly string[]
}

/** What Fastify's query and form parsers produce (repeated names become arrays), or URLSearchParams. */
export type ParamSource = URLSearchParams | Readonly<Record<string, unknown>>

const invalid = (description: string) => new OAuthError('invalid_request', description)

function entriesOf(source: ParamSource): Array<[string, unknown[]]> {
  if (source instanceof URLSearchParams) {
    const grouped = new Map<string, unknown[]>()
    for (const [name, value] of source) grouped.set(name, [...(grouped.get(name) ?? []), value])
    return [...grouped]
  }
  return Object.entries(source).map(([name, value]) => [name, Array.isArray(value) ? value : [value]])
}

export function readOAuthParams(source: ParamSource, options: ReadParamsOptions = {}): OAuthParams {
  const maxValueBytes = options.maxValueBytes ?? 4096
  const maxTotalBytes = options.maxTotalBytes ?? 16_384
  const maxParams = options.maxParams ?? 64
  const multiValued = new Set(options.multiValued ?? [])
  const entries = entriesOf(source)
  if (entries.length > maxParams) throw invalid('too many parameters')

  const values = new Map<string, string[]>()
  let total = 0
  for (const [name, raw] of entries) {
    total += Buffer.byteLength(name)
    for (const value of raw) {
      if (typeof value !== 'string') throw invalid(`parameter ${safeName(name)} is not a string`)
      const bytes = Buffer.byteLength(value)
      if (bytes > maxValueBytes) throw invalid(`parameter ${safeName(name)} is too long`)
      total += bytes
    }
    if (total > maxTotalBytes) throw invalid('request parameters are too large')
    if (raw.length > 1 && !multiValued.has(name)) {
      throw invalid(`parameter ${safeName(name)} must not be repeated`)
    }
    const present = (raw as string[]).filter((value) => value !== '')
    if (present.length > 0) values.set(name, present)
  }

  return {
    get(name) {
      const list = values.get(name)
      if (list !== undefined && list.length > 1)
        throw invalid(`parameter ${safeName(name)} must not be repeated`)
      return list?.[0]
    },
    getAll: (name) => values.get(name) ?? [],
  }
}

// Names are echoed in descriptions only when they are plain parameter names.
const safeName = (name: string): string => (/^[a-z_]{1,40}$/.test(name) ? name : '(unnamed)')
